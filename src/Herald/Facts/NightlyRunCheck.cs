using System.Diagnostics.Metrics;
using Herald.Notifications;
using Herald.Queue;
using Herald.Queue.Periodic;
using Herald.Retention;
using Herald.Storage;
using Herald.Templates;
using Microsoft.EntityFrameworkCore;

namespace Herald.Facts;

/// <summary>
/// Checks, at 06:00 UTC, what the night's tasks should have left behind, rather than whether they
/// ran: no notification past its service's retention still in the hot table (the archive finished),
/// and yesterday's facts present when yesterday had notifications (the rebuild ran). Each miss is
/// an alert: logged at error and counted (<c>herald.lifecycle.check_failures</c>).
/// </summary>
public sealed partial class NightlyRunCheck(
    HeraldDatabase database, RetentionAdministration retention, IMeterFactory meters, TimeProvider time, ILogger<NightlyRunCheck> logger) : IQueueHandler
{
    public const string KindName = "lifecycle.check";

    public static readonly PeriodicTask Schedule = new("lifecycle.check", "0 6 * * *", KindName);

    private readonly Counter<long> _failures = meters.Create(RetentionMetrics.MeterName)
        .CreateCounter<long>("herald.lifecycle.check_failures", unit: "{check}", description: "Nightly archive or facts runs found not to have finished");

    public string Kind => KindName;

    public async Task<QueueHandlerResult> HandleAsync(QueueItem item, CancellationToken cancellationToken)
    {
        await CheckAsync(cancellationToken);
        return QueueHandlerResult.Completed;
    }

    /// <returns>How many checks failed.</returns>
    public async Task<int> CheckAsync(CancellationToken cancellationToken)
    {
        var today = time.GetUtcNow().UtcDateTime.Date;
        var failed = 0;
        await using var context = database.CreateContext();
        foreach (var (serviceId, type, days) in await retention.AllAsync(cancellationToken))
        {
            var cutoff = today.AddDays(-days);
            var left = await context.Notifications.CountAsync(n => n.ServiceId == serviceId && n.Type == type && n.CreatedAt < cutoff, cancellationToken);
            if (left > 0)
            {
                failed++;
                _failures.Add(1, new KeyValuePair<string, object?>("check", "archive"));
                LogArchiveBehind(logger, left, type.ApiName(), serviceId, days);
            }
        }

        var yesterday = today.AddDays(-1);
        var sent = await context.Notifications.AnyAsync(n => n.CreatedAt >= yesterday && n.CreatedAt < today, cancellationToken)
            || await context.NotificationHistory.AnyAsync(n => n.CreatedAt >= yesterday && n.CreatedAt < today, cancellationToken);
        var day = DateOnly.FromDateTime(yesterday);
        if (sent && !await context.NotificationFacts.AnyAsync(f => f.Day == day, cancellationToken))
        {
            failed++;
            _failures.Add(1, new KeyValuePair<string, object?>("check", "facts"));
            LogFactsMissing(logger, day);
        }

        return failed;
    }

    [LoggerMessage(9621, LogLevel.Error, "The nightly archive did not finish: {Count} {Channel} notifications of service {ServiceId} are older than its {Days} days of retention")]
    private static partial void LogArchiveBehind(ILogger logger, int count, string channel, Guid serviceId, int days);

    [LoggerMessage(9622, LogLevel.Error, "The nightly facts rebuild did not run: no facts for {Day}, which had notifications")]
    private static partial void LogFactsMissing(ILogger logger, DateOnly day);
}
