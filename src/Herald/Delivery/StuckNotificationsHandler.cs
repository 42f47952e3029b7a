using Herald.Notifications;
using Herald.Queue;
using Herald.Queue.Periodic;
using Herald.Storage;
using Herald.Templates;
using Microsoft.EntityFrameworkCore;

namespace Herald.Delivery;

/// <summary>
/// The stuck checks, a periodic task. A notification still <c>created</c> an hour after it was
/// accepted with no delivery item waiting for it is queued again (<see cref="OrphanedNotifications"/>).
/// Notify's rule: a notification still <c>sending</c> or <c>pending</c> three days after it was
/// sent will get no receipt; it becomes <c>temporary-failure</c>, through the same guarded update
/// a receipt uses, so its service's delivery_status callback is queued as for any final status.
/// Both are alerts: logged at error with the ids, and counted.
/// </summary>
public sealed partial class StuckNotificationsHandler(
    HeraldDatabase database, NotificationStatusUpdater statuses, OrphanedNotifications orphans, NotificationMetrics metrics, TimeProvider time,
    ILogger<StuckNotificationsHandler> logger) : IQueueHandler
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
        while (await orphans.RequeueAsync(now, ChunkSize, cancellationToken) is { Count: > 0 } requeued)
        {
            metrics.Requeued(requeued.Count);
            LogRequeued(logger, requeued.Count, Named(requeued));
            if (requeued.Count < ChunkSize)
            {
                break;
            }
        }

        await TimeOutAsync(now, cancellationToken);
        return QueueHandlerResult.Completed;
    }

    private async Task TimeOutAsync(DateTime now, CancellationToken cancellationToken)
    {
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
                return;
            }

            var changed = new List<(Guid Id, TemplateType Type)>(stuck.Count);
            foreach (var notification in stuck)
            {
                // False only when a receipt gave it a final status since the read: nothing to do.
                if (await statuses.ApplyAsync(context, notification.Id, NotificationStatus.TemporaryFailure, now, cancellationToken))
                {
                    changed.Add((notification.Id, notification.Type));
                }
            }

            await transaction.CommitAsync(cancellationToken);
            if (changed.Count > 0)
            {
                foreach (var (_, type) in changed)
                {
                    metrics.TimedOut(type.ApiName());
                }

                LogTimedOut(logger, changed.Count, cutoff, Named([.. changed.Select(c => c.Id)]));
            }

            if (stuck.Count < ChunkSize)
            {
                return;
            }
        }
    }

    private static string Named(IReadOnlyList<Guid> ids)
    {
        var named = string.Join(", ", ids.Take(LoggedIds));
        return ids.Count > LoggedIds ? $"{named} and {ids.Count - LoggedIds} more" : named;
    }

    [LoggerMessage(3008, LogLevel.Error, "{Count} notifications still created an hour after they were accepted had no delivery queued; queued again: {NotificationIds}")]
    private static partial void LogRequeued(ILogger logger, int count, string notificationIds);

    [LoggerMessage(3006, LogLevel.Error, "{Count} notifications still sending or pending since before {Cutoff:o} are now temporary-failure: {NotificationIds}")]
    private static partial void LogTimedOut(ILogger logger, int count, DateTime cutoff, string notificationIds);
}
