using Herald.Notifications;
using Herald.Queue;
using Herald.Queue.Periodic;
using Herald.Storage;
using Microsoft.EntityFrameworkCore;

namespace Herald.Delivery;

/// <summary>
/// Notify's rule: a notification still <c>sending</c> or <c>pending</c> three days after it was
/// sent will get no receipt; it becomes <c>temporary-failure</c>. Runs as a periodic task.
/// </summary>
public sealed partial class StuckNotificationsHandler(HeraldDatabase database, TimeProvider time, ILogger<StuckNotificationsHandler> logger) : IQueueHandler
{
    public const string KindName = "notifications.timeout-stuck";

    public static readonly TimeSpan GiveUpAfter = TimeSpan.FromDays(3);

    /// <summary>Every ten minutes.</summary>
    public static readonly PeriodicTask Schedule = new("notifications.timeout-stuck", "*/10 * * * *", KindName);

    public string Kind => KindName;

    public async Task<QueueHandlerResult> HandleAsync(QueueItem item, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var cutoff = now - GiveUpAfter;
        await using var context = database.CreateContext();
        var changed = await context.Notifications
            .Where(n => (n.Status == NotificationStatus.Sending || n.Status == NotificationStatus.Pending) && n.SentAt < cutoff)
            .ExecuteUpdateAsync(s => s
                .SetProperty(n => n.Status, NotificationStatus.TemporaryFailure)
                .SetProperty(n => n.CompletedAt, now), cancellationToken);
        if (changed > 0)
        {
            LogTimedOut(logger, changed, cutoff);
        }

        return QueueHandlerResult.Completed;
    }

    [LoggerMessage(3006, LogLevel.Warning, "{Count} notifications still sending or pending since before {Cutoff:o} are now temporary-failure")]
    private static partial void LogTimedOut(ILogger logger, int count, DateTime cutoff);
}
