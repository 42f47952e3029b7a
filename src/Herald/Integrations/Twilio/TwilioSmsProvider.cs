using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Herald.Providers;
using Herald.Recipients;

namespace Herald.Integrations.Twilio;

/// <summary>
/// Sends SMS with Twilio's Messages API (form-encoded, basic auth), asking for status callbacks
/// to <c>/receipts/twilio</c>. Twilio's error codes for a number that cannot receive SMS end the
/// notification permanent-failure; 401/403 are our configuration; 429 and 5xx are retried. A
/// numeric sender goes as E.164 (<c>+447700900500</c>): Twilio refuses a national-format
/// <c>From</c> with error 21212.
/// </summary>
public sealed class TwilioSmsProvider(string name, TwilioOptions options, IHttpClientFactory httpClients, SmsSenderValidator senders) : ISmsProvider
{
    public const string ProviderName = "twilio";
    public const string HttpClientName = "twilio";

    // 21211 invalid 'To' number, 21614 not a mobile number, 21610 recipient unsubscribed, 21612 unreachable carrier.
    private static readonly HashSet<int> RecipientErrors = [21211, 21214, 21610, 21612, 21614];

    // Fixed for the instance's settings, so built once rather than for every message.
    private readonly Uri _endpoint = new($"{options.BaseUrl.TrimEnd('/')}/2010-04-01/Accounts/{options.AccountSid}/Messages.json");
    private readonly AuthenticationHeaderValue _authorization = new("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{options.AccountSid}:{options.AuthToken}")));
    private readonly string? _statusCallback = options.PublicUrl is { Length: > 0 } publicUrl ? $"{publicUrl.TrimEnd('/')}/receipts/twilio" : null;

    public string Name => name;

    public async Task<ProviderResult> SendAsync(SmsMessage message, CancellationToken cancellationToken)
    {
        var form = new List<KeyValuePair<string, string>>(4)
        {
            new("To", "+" + message.To),
            new("From", senders.E164(options.From ?? message.From)),
            new("Body", message.Body),
        };
        if (_statusCallback is not null)
        {
            form.Add(new("StatusCallback", _statusCallback));
        }

        using var request = new HttpRequestMessage(HttpMethod.Post, _endpoint) { Content = new FormUrlEncodedContent(form) };
        request.Headers.Authorization = _authorization;

        using (var response = await ProviderHttp.SendAsync(httpClients.CreateClient(HttpClientName), request, "Twilio", cancellationToken))
        {
            var text = await response.Content.ReadAsStringAsync(cancellationToken);
            if (response.IsSuccessStatusCode)
            {
                using var json = JsonDocument.Parse(text);
                return new ProviderResult(json.RootElement.GetProperty("sid").GetString()!);
            }

            var code = TryErrorCode(text);
            var reason = $"Twilio answered {(int)response.StatusCode}{(code is { } c ? $" (code {c})" : "")}";
            throw response.StatusCode switch
            {
                HttpStatusCode.TooManyRequests => new ProviderException(ProviderFailureKind.Retryable, reason),
                >= HttpStatusCode.InternalServerError => new ProviderException(ProviderFailureKind.Retryable, reason),
                _ when code is { } c2 && RecipientErrors.Contains(c2) => new ProviderException(ProviderFailureKind.PermanentForRecipient, reason),
                _ => new ProviderException(ProviderFailureKind.Technical, reason),
            };
        }
    }

    private static int? TryErrorCode(string text)
    {
        try
        {
            using var json = JsonDocument.Parse(text);
            return json.RootElement.TryGetProperty("code", out var code) && code.ValueKind == JsonValueKind.Number ? code.GetInt32() : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
