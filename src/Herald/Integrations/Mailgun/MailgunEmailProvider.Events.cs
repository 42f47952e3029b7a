using System.Globalization;
using System.Net;
using System.Text.Json;
using Herald.Analytics;
using Herald.Providers;

namespace Herald.Integrations.Mailgun;

/// <summary>
/// Mailgun's events API as an analytics source: <c>GET /v3/{domain}/events</c> with <c>begin</c>
/// and <c>end</c> in epoch seconds with a fraction, <c>ascending=yes</c>, <c>limit=300</c> and
/// the types joined by <c>OR</c>; the following page is the answer's <c>paging.next</c> URL, and
/// an empty page ends the walk. 429 and 5xx are retried with backoff by the events client.
/// </summary>
public sealed partial class MailgunEmailProvider : IAnalyticsEventSource
{
    public const string EventsHttpClientName = "mailgun-events";

    public const int EventsPageSize = 300;

    public async Task<EventPage> FetchAsync(EventQuery query, string? next, CancellationToken cancellationToken)
    {
        var url = next ?? $"{options.BaseUrl.TrimEnd('/')}/v3/{Uri.EscapeDataString(options.Domain)}/events?begin={Epoch(query.Begin)}&end={Epoch(query.End)}"
            + $"&ascending=yes&limit={EventsPageSize}&event={Uri.EscapeDataString(string.Join(" OR ", query.Types))}";
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Authorization = _authorization;
        using var response = await ProviderHttp.SendAsync(httpClients.CreateClient(EventsHttpClientName), request, "Mailgun", cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            throw new ProviderException(
                response.StatusCode is HttpStatusCode.TooManyRequests or >= HttpStatusCode.InternalServerError ? ProviderFailureKind.Retryable : ProviderFailureKind.Technical,
                $"Mailgun's events API answered {(int)response.StatusCode}");
        }

        await using var body = await response.Content.ReadAsStreamAsync(cancellationToken);
        using var json = await JsonDocument.ParseAsync(body, cancellationToken: cancellationToken);
        var root = json.RootElement;
        if (MailgunEventReader.Member(root, "items") is not { ValueKind: JsonValueKind.Array } items || items.GetArrayLength() == 0)
        {
            return new EventPage([], null);
        }

        var receivedAt = DateTime.SpecifyKind(query.End, DateTimeKind.Utc);
        var events = items.EnumerateArray().Select(i => MailgunEventReader.Read(i, receivedAt)).OfType<ProviderEvent>().ToList();
        var following = MailgunEventReader.Member(root, "paging") is { } paging ? MailgunEventReader.Text(paging, "next") : null;
        return new EventPage(events, following);
    }

    private static string Epoch(DateTime at) => ((at - DateTime.UnixEpoch).Ticks / (double)TimeSpan.TicksPerSecond).ToString("0.000", CultureInfo.InvariantCulture);
}
