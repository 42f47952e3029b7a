using Herald.Notifications;
using Herald.Queue;
using Herald.Queue.Periodic;
using Herald.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Herald.Analytics;

/// <summary>
/// Mailgun retries a soft bounce for 8 hours, so a <c>failed</c> event of severity
/// <c>temporary</c> leaves its notification <c>sending</c>; a later <c>delivered</c> or
/// permanent failure decides. Every ten minutes this ends <c>temporary-failure</c> those that
/// heard nothing final within <see cref="AnalyticsOptions.TemporaryFailureWindow"/> of their
/// latest soft bounce.
/// </summary>
public sealed partial class TemporaryFailureSweep(
    HeraldDatabase database, NotificationStatusUpdater statuses, IOptions<AnalyticsOptions> options, TimeProvider time, ILogger<TemporaryFailureSweep> logger) : IQueueHandler
{
    public const string KindName = "analytics.temporary-failures";

    private const int BatchSize = 1000;

    private static readonly string[] InFlight = [NotificationStatus.Created, NotificationStatus.Sending, NotificationStatus.Pending, NotificationStatus.Sent];

    public static readonly PeriodicTask Schedule = new("analytics.temporary-failures", "*/10 * * * *", KindName);

    public string Kind => KindName;

    public async Task<QueueHandlerResult> HandleAsync(QueueItem item, CancellationToken cancellationToken)
    {
        await SweepAsync(cancellationToken);
        return QueueHandlerResult.Completed;
    }

    /// <returns>How many notifications ended <c>temporary-failure</c>.</returns>
    public async Task<int> SweepAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var cutoff = now - options.Value.TemporaryFailureWindow;
        var total = 0;
        while (true)
        {
            await using var context = database.CreateContext();
            await using var transaction = await context.Database.BeginTransactionAsync(cancellationToken);
            var due = await context.NotificationAnalytics
                .Where(a => a.FailureSeverity == AnalyticsEventTypes.Temporary && a.FailedAt <= cutoff && a.DeliveredAt == null && a.PermanentFailureAt == null)
                .Join(context.Notifications.Where(n => InFlight.Contains(n.Status)), a => a.NotificationId, n => n.Id, (a, n) => a.NotificationId)
                .Take(BatchSize).ToListAsync(cancellationToken);
            if (due.Count == 0)
            {
                return total;
            }

            var changed = await statuses.ApplyManyAsync(context, transaction, [.. due.Select(id => new StatusChange(id, NotificationStatus.TemporaryFailure, now))], cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            total += changed.Count;
            LogEnded(logger, changed.Count, options.Value.TemporaryFailureWindow);
            if (due.Count < BatchSize)
            {
                return total;
            }
        }
    }

    [LoggerMessage(9103, LogLevel.Information, "{Count} notifications ended temporary-failure: a soft bounce and nothing final within {Window}")]
    private static partial void LogEnded(ILogger logger, int count, TimeSpan window);
}
