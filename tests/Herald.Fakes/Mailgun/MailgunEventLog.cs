using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;

namespace Herald.Fakes.Mailgun;

/// <summary>
/// Mailgun's events API over the fake's own log: <c>GET /v3/{domain}/events</c> with <c>begin</c>,
/// <c>end</c> (RFC 2822 or Unix seconds), <c>ascending</c>, <c>limit</c> (at most 300, default
/// 100), <c>event</c> (names joined by <c>OR</c>), <c>recipient</c>, <c>message-id</c>; answers
/// <c>{"items": [...], "paging": {"next", "previous", "first", "last"}}</c> where <c>next</c> is a
/// page URL that goes on after the last item (an empty page ends the walk).
/// </summary>
internal sealed class MailgunEventLog(TimeProvider time)
{
    private static readonly string[] DateFormats = ["ddd, d MMM yyyy HH:mm:ss zzz", "ddd, dd MMM yyyy HH:mm:ss zzz", "ddd, d MMM yyyy HH:mm:ss 'GMT'", "ddd, dd MMM yyyy HH:mm:ss 'GMT'", "r"];

    private readonly Lock _lock = new();
    private readonly List<MailgunEvent> _events = [];
    private long _sequence;

    /// <summary>Logs the event, stamped now: the log's order is its timestamps' order, as Mailgun pages by time.</summary>
    public void Add(string name, string recipient, string messageId, JsonObject data)
    {
        lock (_lock)
        {
            var timestamp = Math.Max(time.GetUtcNow().ToUnixTimeMilliseconds() / 1000.0, _events.Count > 0 ? _events[^1].Timestamp : 0);
            data["timestamp"] = timestamp;
            _events.Add(new MailgunEvent(++_sequence, timestamp, name, recipient, messageId, data, time.GetUtcNow()));
        }
    }

    /// <summary>
    /// Logs an event that happened at <paramref name="at"/> but is stored only at
    /// <paramref name="visibleAt"/>: the events API shows it from then on, in its place by time
    /// (events stored late and out of order, as Mailgun's are).
    /// </summary>
    public void AddAt(string name, string recipient, string messageId, JsonObject data, DateTimeOffset at, DateTimeOffset visibleAt)
    {
        lock (_lock)
        {
            var timestamp = at.ToUnixTimeMilliseconds() / 1000.0;
            data["timestamp"] = timestamp;
            _events.Add(new MailgunEvent(++_sequence, timestamp, name, recipient, messageId, data, visibleAt));
        }
    }

    public void Clear()
    {
        lock (_lock)
        {
            _events.Clear();
        }
    }

    /// <summary>A page of events for the query (the first request's query string or a page token's), with its paging links.</summary>
    public IResult Page(string pagesUrl, IQueryCollection query, string? pageToken)
    {
        var parameters = query.ToDictionary(q => q.Key, q => q.Value.ToString(), StringComparer.Ordinal);
        if (pageToken is not null)
        {
            try
            {
                parameters = QueryHelpers.ParseQuery(Encoding.UTF8.GetString(Base64UrlDecode(pageToken)))
                    .ToDictionary(q => q.Key, q => q.Value.ToString(), StringComparer.Ordinal);
            }
            catch (FormatException)
            {
                return Results.Json(new { message = "Invalid page token" }, statusCode: 400);
            }
        }

        if (!TryTime(parameters.GetValueOrDefault("begin"), out var begin) || !TryTime(parameters.GetValueOrDefault("end"), out var end))
        {
            return Results.Json(new { message = "Invalid time range" }, statusCode: 400);
        }

        var ascending = parameters.GetValueOrDefault("ascending") is { } asc ? asc == "yes" : begin is not null && (end is null || end >= begin);
        if (begin is not null && end is not null && begin > end)
        {
            (begin, end) = (end, begin);
            ascending = false;
        }

        var limit = int.TryParse(parameters.GetValueOrDefault("limit"), CultureInfo.InvariantCulture, out var l) ? Math.Clamp(l, 1, 300) : 100;
        var names = parameters.GetValueOrDefault("event") is { Length: > 0 } filter
            ? filter.Split(" OR ", StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToHashSet(StringComparer.Ordinal)
            : null;
        var recipient = parameters.GetValueOrDefault("recipient");
        var messageId = parameters.GetValueOrDefault("message-id")?.Trim('<', '>');
        long? after = long.TryParse(parameters.GetValueOrDefault("after"), CultureInfo.InvariantCulture, out var a) ? a : null;

        List<MailgunEvent> items;
        lock (_lock)
        {
            var now = time.GetUtcNow();
            IEnumerable<MailgunEvent> matching = _events.Where(e => e.VisibleAt <= now &&
                (begin is null || e.Timestamp >= begin) && (end is null || e.Timestamp <= end) &&
                (names is null || names.Contains(e.Name)) &&
                (recipient is null || string.Equals(e.Recipient, recipient, StringComparison.OrdinalIgnoreCase)) &&
                (messageId is null || e.MessageId == messageId));
            // By time, as Mailgun pages; the cursor is the last item's (timestamp, place in the log).
            matching = ascending ? matching.OrderBy(e => e.Timestamp).ThenBy(e => e.Sequence) : matching.OrderByDescending(e => e.Timestamp).ThenByDescending(e => e.Sequence);
            if (after is { } cursor)
            {
                var afterTimestamp = double.TryParse(parameters.GetValueOrDefault("after_ts"), NumberStyles.Float, CultureInfo.InvariantCulture, out var t) ? t : 0;
                matching = matching.Where(e => ascending
                    ? e.Timestamp > afterTimestamp || (e.Timestamp == afterTimestamp && e.Sequence > cursor)
                    : e.Timestamp < afterTimestamp || (e.Timestamp == afterTimestamp && e.Sequence < cursor));
            }

            items = [.. matching.Take(limit)];
        }

        var next = new Dictionary<string, string>(parameters, StringComparer.Ordinal) { ["ascending"] = ascending ? "yes" : "no" };
        if (items.Count > 0)
        {
            next["after"] = items[^1].Sequence.ToString(CultureInfo.InvariantCulture);
            next["after_ts"] = items[^1].Timestamp.ToString("R", CultureInfo.InvariantCulture);
        }

        var first = new Dictionary<string, string>(next, StringComparer.Ordinal);
        first.Remove("after");
        first.Remove("after_ts");
        var body = new JsonObject
        {
            ["items"] = new JsonArray([.. items.Select(e => (JsonNode)e.Data.DeepClone())]),
            ["paging"] = new JsonObject
            {
                ["first"] = $"{pagesUrl}/{Token(first)}",
                ["last"] = $"{pagesUrl}/{Token(first)}",
                ["next"] = $"{pagesUrl}/{Token(next)}",
                ["previous"] = $"{pagesUrl}/{Token(first)}",
            },
        };
        return Results.Content(body.ToJsonString(), "application/json");
    }

    private static string Token(Dictionary<string, string> parameters) =>
        Convert.ToBase64String(Encoding.UTF8.GetBytes(QueryString.Create(parameters.Select(p => new KeyValuePair<string, string?>(p.Key, p.Value))).Value ?? "")).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static byte[] Base64UrlDecode(string token)
    {
        var base64 = token.Replace('-', '+').Replace('_', '/');
        return Convert.FromBase64String(base64.PadRight(base64.Length + ((4 - (base64.Length % 4)) % 4), '='));
    }

    private static bool TryTime(string? text, out double? seconds)
    {
        seconds = null;
        if (string.IsNullOrEmpty(text))
        {
            return true;
        }

        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var epoch))
        {
            seconds = epoch;
            return true;
        }

        // RFC 2822 zones come as +0000; .NET's zzz wants +00:00.
        var normalised = text.Length > 5 && (text[^5] == '+' || text[^5] == '-') ? text[..^2] + ":" + text[^2..] : text;
        if (DateTimeOffset.TryParseExact(normalised, DateFormats, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var date))
        {
            seconds = date.ToUnixTimeMilliseconds() / 1000.0;
            return true;
        }

        return false;
    }
}
