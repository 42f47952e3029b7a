using System.Text.Json;
using Herald.Storage;
using Microsoft.EntityFrameworkCore;

namespace Herald.Pushers.Email;

public sealed partial class EmailPusher
{
    private const int IdleLookBack = 1000;

    /// <summary>
    /// The newest unread notifications after the pusher's position, newest first, one batch: a
    /// digest may leave out older ones (unlike the HTTP pusher, it never has to deliver each).
    /// </summary>
    private async Task<List<UnreadNotification>> UnreadAsync(PusherRecord pusher, CancellationToken cancellationToken)
    {
        var actions = await actionQueries.UnreadNewestFirstAsync(pusher.ServiceId, pusher.UserId, pusher.LastStreamOrdering, options.Value.BatchSize, cancellationToken);
        return [.. actions.Select(a => new UnreadNotification(
            a.StreamOrdering, a.RoomId, a.RoomName, a.EventId, a.Sender, a.SenderDisplayName, a.Type, BodyOf(a.Content), a.Highlight,
            DateTimeOffset.FromUnixTimeMilliseconds(a.ReceivedTs)))];
    }

    /// <summary>
    /// Per room of the batch, when the user's latest notification in it before the batch arrived
    /// (read or not): how long the room was idle. Each looks back over at most
    /// <see cref="IdleLookBack"/> of the user's actions (a backward range scan of the key), so a
    /// user in one very busy room does not make the check for a quiet one expensive; a room not
    /// seen that far back counts from its last email.
    /// </summary>
    private static async Task<Dictionary<string, DateTimeOffset>> PreviousActivityAsync(
        HeraldDbContext context, PusherRecord pusher, List<UnreadNotification> unread, CancellationToken cancellationToken)
    {
        var previous = new Dictionary<string, DateTimeOffset>(StringComparer.Ordinal);
        foreach (var room in unread.GroupBy(n => n.RoomId, StringComparer.Ordinal))
        {
            var oldest = room.Min(n => n.StreamOrdering);
            var roomId = room.Key;
            var recent = context.PushActions.AsNoTracking()
                .Where(a => a.ServiceId == pusher.ServiceId && a.UserId == pusher.UserId && a.StreamOrdering < oldest)
                .OrderByDescending(a => a.StreamOrdering)
                .Take(IdleLookBack);
            var receivedTs = await (
                from a in recent
                join e in context.PushEvents.AsNoTracking() on new { a.ServiceId, a.StreamOrdering } equals new { e.ServiceId, e.StreamOrdering }
                where a.RoomId == roomId && a.Notify
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
