using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Herald.Providers;

namespace Herald.Integrations.Mailgun;

/// <summary>
/// Sends email with Mailgun's messages API: text and HTML, the notification id as Message-ID and
/// as the user variable <c>notification_id</c>, one-click unsubscribe headers. 429 and 5xx are
/// retried; a refused address is permanent for the recipient; other refusals are our configuration.
/// </summary>
public sealed partial class MailgunEmailProvider(string name, MailgunOptions options, IHttpClientFactory httpClients) : IEmailProvider
{
    public const string ProviderName = "mailgun";
    public const string HttpClientName = "mailgun";

    // Fixed for the instance's settings, so built once rather than for every message.
    private readonly Uri _endpoint = new($"{options.BaseUrl.TrimEnd('/')}/v3/{options.Domain}/messages");
    private readonly AuthenticationHeaderValue _authorization = new("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"api:{options.ApiKey}")));

    public string Name => name;

    public async Task<ProviderResult> SendAsync(EmailMessage message, CancellationToken cancellationToken)
    {
        var form = new List<KeyValuePair<string, string>>
        {
            new("from", message.From),
            new("to", message.To),
            new("subject", message.Subject),
            new("text", message.PlainText),
            new("html", message.Html),
            new("h:Message-Id", $"<{message.NotificationId}@{options.Domain}>"),
            new("v:notification_id", message.NotificationId.ToString()),
        };
        if (message.OneClickUnsubscribeUrl is { } unsubscribe)
        {
            form.Add(new("h:List-Unsubscribe", $"<{unsubscribe}>"));
            form.Add(new("h:List-Unsubscribe-Post", "List-Unsubscribe=One-Click"));
        }

        using var request = new HttpRequestMessage(HttpMethod.Post, _endpoint) { Content = new FormUrlEncodedContent(form) };
        request.Headers.Authorization = _authorization;
        using (var response = await ProviderHttp.SendAsync(httpClients.CreateClient(HttpClientName), request, "Mailgun", cancellationToken))
        {
            var text = await response.Content.ReadAsStringAsync(cancellationToken);
            if (response.IsSuccessStatusCode)
            {
                using var json = JsonDocument.Parse(text);
                return new ProviderResult(json.RootElement.GetProperty("id").GetString()!.Trim('<', '>'));
            }

            var reason = $"Mailgun answered {(int)response.StatusCode}: {(text.Length > 200 ? text[..200] : text)}";
            throw response.StatusCode switch
            {
                HttpStatusCode.TooManyRequests or >= HttpStatusCode.InternalServerError => new ProviderException(ProviderFailureKind.Retryable, reason),
                HttpStatusCode.BadRequest when text.Contains("'to' parameter is not a valid address", StringComparison.OrdinalIgnoreCase) =>
                    new ProviderException(ProviderFailureKind.PermanentForRecipient, reason),
                _ => new ProviderException(ProviderFailureKind.Technical, reason),
            };
        }
    }
}
