using Herald.Storage;
using Microsoft.EntityFrameworkCore;
using Herald.NotifyFormat;

namespace Herald.Pushers;

/// <summary>
/// Records how far a user has read in a room (only ever forward) and, when it moved, wakes the
/// user's pushers so they drop what was read and update the badge.
/// </summary>
public sealed class PushReceiptWriter(HeraldDatabase database, PusherWakeups wakeups, TimeProvider time)
{
    /// <summary>The receipt's stream ordering as stored (the later of the old and the new).</summary>
    public async Task<long> WriteAsync(Guid serviceId, string userId, PushReceiptInput input, CancellationToken cancellationToken)
    {
        await using var context = database.CreateContext();
        long ordering;
        if (input.EventId is not null)
        {
            var found = await context.PushEvents.AsNoTracking()
                .Where(e => e.ServiceId == serviceId && e.EventId == input.EventId)
                .Select(e => new { e.StreamOrdering, e.RoomId })
                .FirstOrDefaultAsync(cancellationToken);
            if (found is null)
            {
                throw NotifyApiException.Validation([$"event_id {input.EventId} was not posted"]);
            }

            if (found.RoomId != input.RoomId)
            {
                throw NotifyApiException.Validation([$"event_id {input.EventId} is not in room_id {input.RoomId}"]);
            }

            ordering = found.StreamOrdering;
        }
        else
        {
            ordering = input.StreamOrdering!.Value;
            if (ordering > await PushStream.CurrentAsync(context, serviceId, cancellationToken))
            {
                throw NotifyApiException.Validation([$"stream_ordering {ordering} is after the latest event"]);
            }
        }

        var now = time.GetUtcNow().ToUnixTimeMilliseconds();
        var wake = new PusherWake(serviceId, [userId], Receipts: true);
        await using var transaction = await context.Database.BeginTransactionAsync(cancellationToken);
        var moved = await context.Database.ExecuteSqlAsync($"""
            INSERT INTO push_receipts (service_id, user_id, room_id, stream_ordering, updated_ts) VALUES ({serviceId}, {userId}, {input.RoomId}, {ordering}, {now})
            ON CONFLICT (service_id, user_id, room_id) DO UPDATE SET stream_ordering = excluded.stream_ordering, updated_ts = excluded.updated_ts
            WHERE push_receipts.stream_ordering < excluded.stream_ordering
            """, cancellationToken);
        if (moved > 0)
        {
            await wakeups.PublishInTransactionAsync(context, wake, cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        if (moved > 0)
        {
            wakeups.Committed(wake);
            return ordering;
        }

        return await context.PushReceipts.AsNoTracking()
            .Where(r => r.ServiceId == serviceId && r.UserId == userId && r.RoomId == input.RoomId)
            .Select(r => r.StreamOrdering)
            .FirstAsync(cancellationToken);
    }
}
