using System.Text.Json;
using Herald.Templates;
using Herald.Providers;
using Herald.Recipients;

namespace Herald.Integrations.Vonage;

/// <summary>
/// Sends SMS with Vonage's SMS API (form-encoded, key and secret), full Unicode as type=unicode,
/// the notification id as client-ref, and a delivery-receipt callback when a public URL is set.
/// Vonage answers 200 with a status code for each message it sent: a long text goes as several,
/// each with its own <c>message-id</c> and its own delivery receipt, so every part's id is kept. A
/// numeric sender goes as E.164 digits without the plus (<c>447700900500</c>).
/// </summary>
public sealed class VonageSmsProvider(string name, VonageOptions options, IHttpClientFactory httpClients, SmsSenderValidator senders) : ISmsProvider
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
            new("from", senders.E164(options.From ?? message.From).TrimStart('+')),
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
            var parts = json.RootElement.GetProperty("messages").EnumerateArray().ToList();
            if (parts.FirstOrDefault(p => p.GetProperty("status").GetString() != "0") is { ValueKind: JsonValueKind.Object } refused)
            {
                var status = refused.GetProperty("status").GetString();
                var reason = $"Vonage status {status}: {(refused.TryGetProperty("error-text", out var text) ? text.GetString() : "")}";
                var kind = Classify(status);

                // Parts already accepted would go again with a retry: the recipient would get them twice.
                var sent = parts.Count(p => p.GetProperty("status").GetString() == "0");
                throw sent == 0
                    ? new ProviderException(kind, reason)
                    : new ProviderException(kind == ProviderFailureKind.Retryable ? ProviderFailureKind.Technical : kind, $"{reason} (after {sent} of {parts.Count} parts were sent)");
            }

            var ids = parts.Select(p => p.GetProperty("message-id").GetString()!).ToList();
            return new ProviderResult(ids[0], Parts: ids.Count > 1 ? ids : null);
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
