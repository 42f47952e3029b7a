using Herald.Storage;
using Microsoft.EntityFrameworkCore;

namespace Herald.Pushers;

/// <summary>
/// Records a posted event and one action per recipient in one transaction, then wakes the
/// recipients' pushers. It returns as soon as the rows are committed: delivery is the pool's job.
/// </summary>
public sealed class PushEventWriter(HeraldDatabase database, PusherWakeups wakeups, TimeProvider time)
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
        context.PushActions.AddRange(input.Recipients.Select(r => new PushActionRecord
        {
            ServiceId = serviceId,
            UserId = r.UserId,
            StreamOrdering = ordering,
            RoomId = input.RoomId,
            Notify = r.Notify,
            Highlight = r.Highlight,
            Tweaks = r.Tweaks,
        }));
        await context.SaveChangesAsync(cancellationToken);
        if (wake.UserIds.Count > 0)
        {
            await wakeups.PublishInTransactionAsync(context, wake, cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        if (wake.UserIds.Count > 0)
        {
            wakeups.Committed(wake);
        }

        return (ordering, eventId, true);
    }
}
