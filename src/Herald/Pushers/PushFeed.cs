using System.Globalization;
using System.Text.Json;
using Herald.Storage;
using Microsoft.EntityFrameworkCore;
using Herald.NotifyFormat;

namespace Herald.Pushers;

/// <summary>
/// A user's notifications, newest first, each with whether it has been read (like Matrix's
/// <c>/notifications</c>): an in-app inbox. A page is a backwards range scan of push_actions' key.
/// </summary>
public sealed class PushFeed(HeraldDatabase database)
{
    public const int DefaultLimit = 50;
    public const int MaxLimit = 500;

    public async Task<PushFeedResponse> ReadAsync(Guid serviceId, string userId, IQueryCollection query, CancellationToken cancellationToken)
    {
        var (from, limit, highlightOnly) = Parse(query);
        await using var context = database.CreateContext();
        var actions = context.PushActions.AsNoTracking().Where(a => a.ServiceId == serviceId && a.UserId == userId && a.Notify);
        if (from is { } before)
        {
            actions = actions.Where(a => a.StreamOrdering < before);
        }

        if (highlightOnly)
        {
            actions = actions.Where(a => a.Highlight);
        }

        var rows = await (
            from a in actions
            join e in context.PushEvents.AsNoTracking() on new { a.ServiceId, a.StreamOrdering } equals new { e.ServiceId, e.StreamOrdering }
            orderby a.StreamOrdering descending
            select new
            {
                a.StreamOrdering,
                a.RoomId,
                a.Highlight,
                a.Tweaks,
                Read = context.Set<PushReceiptRecord>().Any(r => r.ServiceId == serviceId && r.UserId == userId && r.RoomId == a.RoomId && r.StreamOrdering >= a.StreamOrdering),
                e.EventId,
                e.Type,
                e.Sender,
                e.SenderDisplayName,
                e.RoomName,
                e.Content,
                e.ReceivedTs,
            }).Take(limit).ToListAsync(cancellationToken);

        var items = rows.Select(r => new PushFeedItem(r.StreamOrdering, r.RoomId, r.Read, r.Highlight, Json(r.Tweaks ?? "{}"), r.ReceivedTs,
            new PushFeedEvent(r.EventId, r.RoomId, r.Type, r.Sender, r.SenderDisplayName, r.RoomName, Json(r.Content)))).ToList();
        var next = items.Count == limit ? items[^1].StreamOrdering.ToString(CultureInfo.InvariantCulture) : null;
        return new PushFeedResponse(items, next);
    }

    private static (long? From, int Limit, bool HighlightOnly) Parse(IQueryCollection query)
    {
        var errors = new List<string>();
        long? from = null;
        if (query["from"].ToString() is { Length: > 0 } fromText)
        {
            if (long.TryParse(fromText, NumberStyles.None, CultureInfo.InvariantCulture, out var value))
            {
                from = value;
            }
            else
            {
                errors.Add($"from {fromText} is not a valid token");
            }
        }

        var limit = DefaultLimit;
        if (query["limit"].ToString() is { Length: > 0 } limitText
            && !(int.TryParse(limitText, NumberStyles.None, CultureInfo.InvariantCulture, out limit) && limit is >= 1 and <= MaxLimit))
        {
            errors.Add($"limit {limitText} is not an integer from 1 to {MaxLimit}");
        }

        var only = query["only"].ToString();
        if (only.Length > 0 && only != "highlight")
        {
            errors.Add($"only {only} is not one of [highlight]");
        }

        if (errors.Count > 0)
        {
            throw NotifyApiException.Validation(errors);
        }

        return (from, limit, only == "highlight");
    }

    private static JsonElement Json(string text)
    {
        using var document = JsonDocument.Parse(text);
        return document.RootElement.Clone();
    }
}
