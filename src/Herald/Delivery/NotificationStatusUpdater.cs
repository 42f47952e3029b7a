using Herald.Callbacks;
using Herald.Notifications;
using Herald.Queue;
using Herald.Storage;
using Microsoft.EntityFrameworkCore;

namespace Herald.Delivery;

/// <summary>
/// Moves a notification to a new status only while its status may still change (created, sending,
/// pending, sent): a late <c>delivered</c> never overwrites a permanent failure. A final status
/// queues the service's delivery_status callback in the same transaction.
/// </summary>
public sealed partial class NotificationStatusUpdater(HeraldDatabase database, QueueWriter queue, ILogger<NotificationStatusUpdater> logger)
{
    private static readonly string[] Changeable = [NotificationStatus.Created, NotificationStatus.Sending, NotificationStatus.Pending, NotificationStatus.Sent];

    /// <summary>Applies the status; false (logged at info) when the notification already had a final status.</summary>
    public async Task<bool> ApplyAsync(Guid notificationId, string status, DateTime at, CancellationToken cancellationToken)
    {
        await using var context = database.CreateContext();
        await using var transaction = await context.Database.BeginTransactionAsync(cancellationToken);
        if (!await ApplyAsync(context, notificationId, status, at, cancellationToken))
        {
            return false;
        }

        await transaction.CommitAsync(cancellationToken);
        return true;
    }

    /// <summary>Applies the status inside the transaction the caller has open on <paramref name="context"/>.</summary>
    public async Task<bool> ApplyAsync(HeraldDbContext context, Guid notificationId, string status, DateTime at, CancellationToken cancellationToken)
    {
        var final = NotificationStatus.IsFinal(status);
        var changed = await context.Notifications
            .Where(n => n.Id == notificationId && Changeable.Contains(n.Status))
            .ExecuteUpdateAsync(s => s
                .SetProperty(n => n.Status, status)
                .SetProperty(n => n.CompletedAt, n => final ? at : n.CompletedAt), cancellationToken);
        if (changed == 0)
        {
            LogIgnored(logger, notificationId, status);
            return false;
        }

        // A final status is the service's to hear about, technical failures included.
        if (final && await context.Notifications.Where(n => n.Id == notificationId)
                .Join(context.ServiceCallbacks.Where(c => c.Kind == CallbackKinds.DeliveryStatus), n => n.ServiceId, c => c.ServiceId, (n, c) => c)
                .AnyAsync(cancellationToken))
        {
            var id = notificationId.ToString();
            await queue.EnqueueAsync(context, new NewQueueItem(CallbackSender.KindName, id, Reference: id), cancellationToken);
        }

        return true;
    }

    [LoggerMessage(3101, LogLevel.Information, "Status {Status} for notification {NotificationId} ignored: it already has a final status (duplicate or late receipt)")]
    private static partial void LogIgnored(ILogger logger, Guid notificationId, string status);
}
