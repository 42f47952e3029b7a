using System.Text.Json;
using Herald.Storage;
using Microsoft.EntityFrameworkCore;

namespace Herald.Pushers.Email;

public sealed partial class EmailPusher
{
    /// <summary>
    /// The newest unread notifications after the pusher's position, newest first, one batch: a
    /// digest may leave out older ones (unlike the HTTP pusher, it never has to deliver each).
    /// Read means covered by the user's receipt for the room. A range scan of push_actions' key.
    /// </summary>
    private async Task<List<UnreadNotification>> UnreadAsync(HeraldDbContext context, PusherRecord pusher, CancellationToken cancellationToken)
    {
        var rows = await (
            from a in context.PushActions.AsNoTracking()
            join e in context.PushEvents.AsNoTracking() on new { a.ServiceId, a.StreamOrdering } equals new { e.ServiceId, e.StreamOrdering }
            where a.ServiceId == pusher.ServiceId && a.UserId == pusher.UserId && a.StreamOrdering > pusher.LastStreamOrdering && a.Notify
                && !context.PushReceipts.Any(r => r.ServiceId == a.ServiceId && r.UserId == a.UserId && r.RoomId == a.RoomId && r.StreamOrdering >= a.StreamOrdering)
            orderby a.StreamOrdering descending
            select new { a.StreamOrdering, a.RoomId, a.Highlight, e.RoomName, e.EventId, e.Sender, e.SenderDisplayName, e.Type, e.Content, e.ReceivedTs })
            .Take(options.Value.BatchSize)
            .ToListAsync(cancellationToken);
        return [.. rows.Select(r => new UnreadNotification(
            r.StreamOrdering, r.RoomId, r.RoomName, r.EventId, r.Sender, r.SenderDisplayName, r.Type, BodyOf(r.Content), r.Highlight,
            DateTimeOffset.FromUnixTimeMilliseconds(r.ReceivedTs)))];
    }

    /// <summary>Per room of the batch, when the user's latest notification in it before the batch arrived (read or not): how long the room was idle.</summary>
    private static async Task<Dictionary<string, DateTimeOffset>> PreviousActivityAsync(
        HeraldDbContext context, PusherRecord pusher, List<UnreadNotification> unread, CancellationToken cancellationToken)
    {
        var previous = new Dictionary<string, DateTimeOffset>(StringComparer.Ordinal);
        foreach (var room in unread.GroupBy(n => n.RoomId, StringComparer.Ordinal))
        {
            var oldest = room.Min(n => n.StreamOrdering);
            var roomId = room.Key;
            var receivedTs = await (
                from a in context.PushActions
                join e in context.PushEvents on new { a.ServiceId, a.StreamOrdering } equals new { e.ServiceId, e.StreamOrdering }
                where a.ServiceId == pusher.ServiceId && a.UserId == pusher.UserId && a.RoomId == roomId && a.Notify && a.StreamOrdering < oldest
                orderby a.StreamOrdering descending
                select (long?)e.ReceivedTs)
                .FirstOrDefaultAsync(cancellationToken);
            if (receivedTs is { } ts)
            {
                previous[roomId] = DateTimeOffset.FromUnixTimeMilliseconds(ts);
            }
        }

        return previous;
    }

    /// <summary>The event's text: <c>content.body</c> when it is a string (the Matrix convention), else nothing.</summary>
    private static string? BodyOf(string content)
    {
        try
        {
            using var document = JsonDocument.Parse(content);
            return document.RootElement.ValueKind == JsonValueKind.Object
                && document.RootElement.TryGetProperty("body", out var body)
                && body.ValueKind == JsonValueKind.String ? body.GetString() : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
