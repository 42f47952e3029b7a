using Herald.Notifications;
using Herald.Queue;
using Herald.Queue.Periodic;
using Herald.Storage;
using Herald.Templates;
using Microsoft.EntityFrameworkCore;

namespace Herald.Delivery;

/// <summary>
/// Notify's rule: a notification still <c>sending</c> or <c>pending</c> three days after it was
/// sent will get no receipt; it becomes <c>temporary-failure</c>, through the same guarded update
/// a receipt uses, so its service's delivery_status callback is queued as for any final status.
/// An alert: logged at error with the ids, and counted. Runs as a periodic task.
/// </summary>
public sealed partial class StuckNotificationsHandler(
    HeraldDatabase database, NotificationStatusUpdater statuses, NotificationMetrics metrics, TimeProvider time, ILogger<StuckNotificationsHandler> logger) : IQueueHandler
{
    public const string KindName = "notifications.timeout-stuck";

    public static readonly TimeSpan GiveUpAfter = TimeSpan.FromDays(3);

    /// <summary>Every ten minutes.</summary>
    public static readonly PeriodicTask Schedule = new("notifications.timeout-stuck", "*/10 * * * *", KindName);

    /// <summary>
    /// Notifications changed per transaction; a large backlog (a provider that stopped sending
    /// receipts) is worked through in several. Settable for tests.
    /// </summary>
    internal int ChunkSize { get; set; } = 500;

    // Ids named in one log line; the rest are counted.
    private const int LoggedIds = 20;

    public string Kind => KindName;

    public async Task<QueueHandlerResult> HandleAsync(QueueItem item, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var cutoff = now - GiveUpAfter;
        while (true)
        {
            await using var context = database.CreateContext();
            await using var transaction = await context.Database.BeginTransactionAsync(cancellationToken);
            var stuck = await context.Notifications
                .Where(n => (n.Status == NotificationStatus.Sending || n.Status == NotificationStatus.Pending) && n.SentAt < cutoff)
                .OrderBy(n => n.SentAt)
                .Select(n => new { n.Id, n.Type })
                .Take(ChunkSize)
                .ToListAsync(cancellationToken);
            if (stuck.Count == 0)
            {
                return QueueHandlerResult.Completed;
            }

            var changed = new List<Guid>(stuck.Count);
            foreach (var notification in stuck)
            {
                // False only when a receipt gave it a final status since the read: nothing to do.
                if (await statuses.ApplyAsync(context, notification.Id, NotificationStatus.TemporaryFailure, now, cancellationToken))
                {
                    changed.Add(notification.Id);
                    metrics.TimedOut(notification.Type.ApiName());
                }
            }

            await transaction.CommitAsync(cancellationToken);
            if (changed.Count > 0)
            {
                var named = string.Join(", ", changed.Take(LoggedIds));
                LogTimedOut(logger, changed.Count, cutoff, changed.Count > LoggedIds ? $"{named} and {changed.Count - LoggedIds} more" : named);
            }

            if (stuck.Count < ChunkSize)
            {
                return QueueHandlerResult.Completed;
            }
        }
    }

    [LoggerMessage(3006, LogLevel.Error, "{Count} notifications still sending or pending since before {Cutoff:o} are now temporary-failure: {NotificationIds}")]
    private static partial void LogTimedOut(ILogger logger, int count, DateTime cutoff, string notificationIds);
}
