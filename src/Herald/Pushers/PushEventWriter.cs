using System.Buffers;
using System.Text;
using System.Text.Json;
using Herald.Storage;
using Microsoft.EntityFrameworkCore;

namespace Herald.Pushers;

/// <summary>
/// Records a posted event and one action per recipient in one transaction, then wakes the
/// recipients' pushers. It returns as soon as the rows are committed: delivery is the pool's job.
/// </summary>
public sealed class PushEventWriter(HeraldDatabase database, PusherWakeups wakeups, TimeProvider time, PushTableStatistics statistics)
{
    /// <summary>The event's stream ordering and id, and whether it was new (false: an event with that id was posted before).</summary>
    public async Task<(long StreamOrdering, string EventId, bool Created)> WriteAsync(Guid serviceId, PushEventInput input, CancellationToken cancellationToken)
    {
        var wake = new PusherWake(serviceId, [.. input.Recipients.Where(r => r.Notify).Select(r => r.UserId)], Receipts: false);
        await using var context = database.CreateContext();
        await using var transaction = await context.Database.BeginTransactionAsync(cancellationToken);

        // Holds the service's stream row until commit: posts of one service are numbered and made
        // visible one after another, so no pusher can see N+1 before N.
        var ordering = await PushStream.NextAsync(context, serviceId, cancellationToken);
        if (input.EventId is not null)
        {
            var existing = await context.PushEvents.AsNoTracking()
                .Where(e => e.ServiceId == serviceId && e.EventId == input.EventId)
                .Select(e => (long?)e.StreamOrdering)
                .FirstOrDefaultAsync(cancellationToken);
            if (existing is { } previous)
            {
                // A retried post: answer as before, number nothing.
                await transaction.RollbackAsync(cancellationToken);
                return (previous, input.EventId, false);
            }
        }

        var eventId = input.EventId ?? $"${Guid.NewGuid():N}";
        context.PushEvents.Add(new PushEventRecord
        {
            ServiceId = serviceId,
            StreamOrdering = ordering,
            EventId = eventId,
            RoomId = input.RoomId,
            Type = input.Type,
            Sender = input.Sender,
            SenderDisplayName = input.SenderDisplayName,
            RoomName = input.RoomName,
            Content = input.Content,
            ReceivedTs = time.GetUtcNow().ToUnixTimeMilliseconds(),
        });
        await context.SaveChangesAsync(cancellationToken);
        await InsertActionsAsync(context, serviceId, ordering, input, cancellationToken);
        if (wake.UserIds.Count > 0)
        {
            await wakeups.PublishInTransactionAsync(context, wake, cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        statistics.Written(input.Recipients.Count);
        if (wake.UserIds.Count > 0)
        {
            wakeups.Committed(wake);
        }

        return (ordering, eventId, true);
    }

    /// <summary>
    /// One action per recipient in one statement, whatever their number: the recipients travel as
    /// arrays (PostgreSQL, <c>unnest</c>) or one JSON document (SQLite, <c>json_each</c>), not as a
    /// tracked entity and a row of parameters each.
    /// </summary>
    private async Task InsertActionsAsync(HeraldDbContext context, Guid serviceId, long ordering, PushEventInput input, CancellationToken cancellationToken)
    {
        var recipients = input.Recipients;
        if (recipients.Count == 0)
        {
            return;
        }

        var room = input.RoomId;
        if (database.Provider == DatabaseProvider.Postgres)
        {
            string[] users = [.. recipients.Select(r => r.UserId)];
            bool[] notify = [.. recipients.Select(r => r.Notify)];
            bool[] highlight = [.. recipients.Select(r => r.Highlight)];
            string?[] tweaks = [.. recipients.Select(r => r.Tweaks)];
            await context.Database.ExecuteSqlAsync($"""
                INSERT INTO push_actions (service_id, user_id, stream_ordering, room_id, notify, highlight, tweaks)
                SELECT {serviceId}, r.user_id, {ordering}, {room}, r.notify, r.highlight, r.tweaks
                FROM unnest({users}::text[], {notify}::boolean[], {highlight}::boolean[], {tweaks}::text[]) AS r(user_id, notify, highlight, tweaks)
                """, cancellationToken);
            return;
        }

        var json = new ArrayBufferWriter<byte>(recipients.Count * 64);
        await using (var writer = new Utf8JsonWriter(json))
        {
            writer.WriteStartArray();
            foreach (var r in recipients)
            {
                writer.WriteStartArray();
                writer.WriteStringValue(r.UserId);
                writer.WriteNumberValue(r.Notify ? 1 : 0);
                writer.WriteNumberValue(r.Highlight ? 1 : 0);
                if (r.Tweaks is null)
                {
                    writer.WriteNullValue();
                }
                else
                {
                    writer.WriteStringValue(r.Tweaks);
                }

                writer.WriteEndArray();
            }

            writer.WriteEndArray();
        }

        var document = Encoding.UTF8.GetString(json.WrittenSpan);
        await context.Database.ExecuteSqlAsync($"""
            INSERT INTO push_actions (service_id, user_id, stream_ordering, room_id, notify, highlight, tweaks)
            SELECT {serviceId}, json_extract(r.value, '$[0]'), {ordering}, {room}, json_extract(r.value, '$[1]'), json_extract(r.value, '$[2]'), json_extract(r.value, '$[3]')
            FROM json_each({document}) AS r
            """, cancellationToken);
    }
}
