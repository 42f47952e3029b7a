using System.Diagnostics;
using Herald.Notifications;
using Herald.Queue;
using Herald.Queue.Periodic;
using Herald.Services;
using Herald.Storage;
using Herald.Templates;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Herald.Retention;

/// <summary>
/// The nightly archive (a periodic task, once cluster-wide). Per service and channel, the
/// notifications created before the start of the UTC day <c>days</c> ago move to
/// <c>notification_history</c> in batches, each one transaction that copies the batch (without
/// anything personal; test-key notifications are not copied) and deletes it, with its events,
/// parts and captured copies. A run stopped at any point has moved whole batches only, and the
/// next run carries on; a row already in history is left as it is (<c>on conflict do nothing</c>).
/// </summary>
public sealed partial class NotificationArchiver(
    HeraldDatabase database, RetentionAdministration retention, IOptions<RetentionOptions> options, RetentionMetrics metrics, TimeProvider time,
    ILogger<NotificationArchiver> logger) : IQueueHandler
{
    public const string KindName = "notifications.archive";

    /// <summary>03:00 UTC, Notify's hour.</summary>
    public static readonly PeriodicTask Schedule = new("notifications.archive", "0 3 * * *", KindName);

    public string Kind => KindName;

    public async Task<QueueHandlerResult> HandleAsync(QueueItem item, CancellationToken cancellationToken)
    {
        await ArchiveAsync(cancellationToken);
        return QueueHandlerResult.Completed;
    }

    /// <returns>How many notifications left the hot table.</returns>
    public Task<long> ArchiveAsync(CancellationToken cancellationToken) => ArchiveAsync(null, cancellationToken);

    /// <param name="onBatch">Told of each batch once it has committed (the progress <c>POST /admin/api/retention/archive</c> streams).</param>
    /// <returns>How many notifications left the hot table.</returns>
    public async Task<long> ArchiveAsync(Func<ArchivedBatch, CancellationToken, ValueTask>? onBatch, CancellationToken cancellationToken)
    {
        var today = time.GetUtcNow().UtcDateTime.Date;
        var watch = Stopwatch.StartNew();
        long total = 0;
        foreach (var (serviceId, type, days) in await retention.AllAsync(cancellationToken))
        {
            var cutoff = today.AddDays(-days);
            long moved = 0;
            int batch;
            do
            {
                var started = Stopwatch.GetTimestamp();
                batch = await ArchiveBatchAsync(serviceId, type, cutoff, cancellationToken);
                var took = Stopwatch.GetElapsedTime(started);
                moved += batch;
                metrics.Archived(type, batch, took);
                if (onBatch is not null)
                {
                    await onBatch(new ArchivedBatch(serviceId, type, batch, took), cancellationToken);
                }
            }
            while (batch == options.Value.BatchSize);

            if (moved > 0)
            {
                LogArchived(logger, moved, type.ApiName(), serviceId, days);
            }

            total += moved;
        }

        LogRun(logger, total, watch.Elapsed.TotalSeconds);
        return total;
    }

    /// <summary>How many notifications the archive would move now: what is past each service's retention.</summary>
    public async Task<long> CountDueAsync(CancellationToken cancellationToken)
    {
        var today = time.GetUtcNow().UtcDateTime.Date;
        long due = 0;
        await using var context = database.CreateContext();
        foreach (var (serviceId, type, days) in await retention.AllAsync(cancellationToken))
        {
            var cutoff = today.AddDays(-days);
            due += await context.Notifications.LongCountAsync(n => n.ServiceId == serviceId && n.Type == type && n.CreatedAt < cutoff, cancellationToken);
        }

        return due;
    }

    private async Task<int> ArchiveBatchAsync(Guid serviceId, TemplateType type, DateTime cutoff, CancellationToken cancellationToken)
    {
        await using var context = database.CreateContext();
        await using var transaction = await context.Database.BeginTransactionAsync(cancellationToken);
        // {0} service, {1} type, {2} cutoff, {3} batch size, {4} the test key type.
        object[] values = [serviceId, type.ToString(), cutoff, options.Value.BatchSize, (short)KeyType.Test];
        const string Batch = "SELECT id FROM notifications WHERE service_id = {0} AND type = {1} AND created_at < {2} ORDER BY created_at, id LIMIT {3}";
        int moved;
        if (database.Provider == DatabaseProvider.Postgres)
        {
            // One statement: the rows deleted are exactly the rows copied.
            // Not composed (no LINQ after it): PostgreSQL allows data-modifying WITH only at the top.
            moved = (await context.Database.SqlQueryRaw<int>($$"""
                WITH batch AS (DELETE FROM notifications WHERE id IN ({{Batch}}) RETURNING *),
                kept AS (
                    INSERT INTO notification_history ({{HistoryColumns}})
                    SELECT {{HistoryColumns}} FROM batch WHERE key_type <> {4}
                    ON CONFLICT (id) DO NOTHING),
                captured AS (DELETE FROM captured_messages WHERE notification_id IN (SELECT id FROM batch))
                SELECT count(*)::int AS "Value" FROM batch
                """, values).ToListAsync(cancellationToken)).Single();
        }
        else
        {
            // SQLite has one writer: once the first statement holds the write lock, the batch
            // (ordered by created_at and id, so the same rows each time) cannot change under the others.
            await context.Database.ExecuteSqlRawAsync($$"""
                INSERT INTO notification_history ({{HistoryColumns}})
                SELECT {{HistoryColumns}} FROM notifications WHERE id IN ({{Batch}}) AND key_type <> {4}
                ON CONFLICT (id) DO NOTHING
                """, values, cancellationToken);
            await context.Database.ExecuteSqlRawAsync($"DELETE FROM captured_messages WHERE notification_id IN ({Batch})", values, cancellationToken);
            moved = await context.Database.ExecuteSqlRawAsync($"DELETE FROM notifications WHERE id IN ({Batch})", values, cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        return moved;
    }

    /// <summary>One committed batch: the notifications it moved and how long its transaction took.</summary>
    public sealed record ArchivedBatch(Guid ServiceId, TemplateType Type, int Moved, TimeSpan Duration);

    private const string HistoryColumns =
        "id, service_id, template_id, template_version, api_key_id, key_type, type, reference, job_id, job_row_number, status, international, billable_units, " +
        "provider_name, provider_reference, created_at, sent_at, completed_at";

    [LoggerMessage(9601, LogLevel.Information, "Archived {Count} {Channel} notifications of service {ServiceId} older than {Days} days")]
    private static partial void LogArchived(ILogger logger, long count, string channel, Guid serviceId, int days);

    [LoggerMessage(9602, LogLevel.Information, "Nightly archive done: {Count} notifications moved to history in {Seconds:F1} s")]
    private static partial void LogRun(ILogger logger, long count, double seconds);
}
