using System.Text.Json;
using Herald.Templates;
using Herald.Providers;

namespace Herald.Integrations.Vonage;

/// <summary>
/// Sends SMS with Vonage's SMS API (form-encoded, key and secret), full Unicode as type=unicode,
/// the notification id as client-ref, and a delivery-receipt callback when a public URL is set.
/// Vonage answers 200 with a per-message status code, classified here.
/// </summary>
public sealed class VonageSmsProvider(string name, VonageOptions options, IHttpClientFactory httpClients) : ISmsProvider
{
    public const string ProviderName = "vonage";
    public const string HttpClientName = "vonage";

    // Fixed for the instance's settings, so built once rather than for every message.
    private readonly Uri _endpoint = new($"{options.BaseUrl.TrimEnd('/')}/sms/json");
    private readonly string? _callback = options.PublicUrl is { Length: > 0 } publicUrl
        ? $"{publicUrl.TrimEnd('/')}/receipts/vonage?token={Uri.EscapeDataString(options.WebhookToken)}"
        : null;

    public string Name => name;

    public async Task<ProviderResult> SendAsync(SmsMessage message, CancellationToken cancellationToken)
    {
        var form = new List<KeyValuePair<string, string>>
        {
            new("api_key", options.ApiKey),
            new("api_secret", options.ApiSecret),
            new("from", options.From ?? message.From),
            new("to", message.To),
            new("text", message.Body),
            new("client-ref", message.NotificationId.ToString()),
        };
        if (SmsFragments.Measure(message.Body).Encoding == SmsEncoding.Ucs2)
        {
            form.Add(new("type", "unicode"));
        }

        if (_callback is not null)
        {
            form.Add(new("callback", _callback));
        }

        using var request = new HttpRequestMessage(HttpMethod.Post, _endpoint) { Content = new FormUrlEncodedContent(form) };
        using (var response = await ProviderHttp.SendAsync(httpClients.CreateClient(HttpClientName), request, "Vonage", cancellationToken))
        {
            if ((int)response.StatusCode >= 500 || (int)response.StatusCode == 429)
            {
                throw new ProviderException(ProviderFailureKind.Retryable, $"Vonage answered {(int)response.StatusCode}");
            }

            if (!response.IsSuccessStatusCode)
            {
                throw new ProviderException(ProviderFailureKind.Technical, $"Vonage answered {(int)response.StatusCode}");
            }

            using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync(cancellationToken));
            var first = json.RootElement.GetProperty("messages")[0];
            var status = first.GetProperty("status").GetString();
            if (status == "0")
            {
                return new ProviderResult(first.GetProperty("message-id").GetString()!);
            }

            var reason = $"Vonage status {status}: {(first.TryGetProperty("error-text", out var text) ? text.GetString() : "")}";
            throw new ProviderException(Classify(status), reason);
        }
    }

    /// <summary>Vonage's SMS API status codes.</summary>
    public static ProviderFailureKind Classify(string? status) => status switch
    {
        "1" or "5" => ProviderFailureKind.Retryable,               // throttled, internal error
        "6" or "7" or "29" => ProviderFailureKind.PermanentForRecipient, // unroutable, number barred, not on the allow-list
        _ => ProviderFailureKind.Technical,                        // missing/invalid parameters, credentials, account barred, quota, sender
    };
}
