using System.Collections.Concurrent;
using System.Threading.Channels;
using Herald.Limits;
using Herald.Queue;
using Herald.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.Options;
using Herald.NotifyFormat;

namespace Herald.Notifications;

/// <summary>
/// Commits accepted notifications with their delivery items, many requests to one transaction:
/// a request waits for the commit that holds its row, so every 201 is durable, but concurrent
/// requests share one disk flush instead of paying one each (group commit). With one request in
/// flight a batch is that request alone, so nothing waits for a batch to fill.
/// </summary>
public sealed partial class NotificationWriter(
    HeraldDatabase database, QueueWriter queue, DailyLimits dailyLimits, NotificationMetrics metrics, IOptions<NotificationOptions> options, ILogger<NotificationWriter> logger)
    : BackgroundService
{
    private const int MaxBatch = 500;

    private readonly Channel<PendingWrite> _pending = Channel.CreateUnbounded<PendingWrite>();

    /// <summary>Counters that refused a send, and the day they did: batches touching one count first.</summary>
    private readonly ConcurrentDictionary<(Guid ServiceId, string Channel), int> _full = new();

    /// <summary>Commits <paramref name="notification"/> once its daily counters (counted in the same transaction) allow it.</summary>
    /// <param name="companion">What else to write in the same transaction, committed with the notification or not at all.</param>
    public Task WriteAsync(NotificationRecord notification, IReadOnlyList<DailyCheck> checks, INotificationWriteCompanion? companion = null)
    {
        var write = new PendingWrite(notification, checks, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously), companion);
        return _pending.Writer.TryWrite(write)
            ? write.Done.Task
            : throw new NotifyApiException(503, "Exception", "Herald is shutting down");
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        _pending.Writer.TryComplete();
        await base.StopAsync(cancellationToken);
    }

    protected override Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var writers = database.Provider == DatabaseProvider.Sqlite ? 1 : Math.Max(1, options.Value.PostgresWriters);
        return Task.WhenAll(Enumerable.Range(0, writers).Select(_ => Task.Run(WriteLoopAsync, CancellationToken.None)));
    }

    private async Task WriteLoopAsync()
    {
        var reader = _pending.Reader;
        var batch = new List<PendingWrite>(MaxBatch);
        while (await reader.WaitToReadAsync())
        {
            batch.Clear();
            while (batch.Count < MaxBatch && reader.TryRead(out var write))
            {
                batch.Add(write);
            }

            if (batch.Count == 0)
            {
                continue;
            }

            try
            {
                await CommitAsync(batch);
            }
            catch (Exception ex) when (DatabaseUnavailable.Is(ex))
            {
                // Every request of the batch is answered 503; alone, each would only fail again.
                LogDatabaseUnavailable(logger, batch.Count, batch[0].Notification.Id, ex.GetBaseException().Message);
                foreach (var write in batch)
                {
                    write.Done.TrySetException(ex);
                }
            }
            catch (Exception ex) when (batch.Count > 1)
            {
                // One request's row must not fail the others that shared its transaction: each
                // is tried again in a transaction of its own, and only what fails alone fails.
                LogBatchRetriedAlone(logger, ex, batch.Count, batch[0].Notification.Id);
                foreach (var write in batch)
                {
                    await CommitAloneAsync(write);
                }
            }
            catch (NotifyApiException ex)
            {
                // A companion's refusal (a lost idempotency claim): the request's answer, not a failure.
                batch[0].Done.TrySetException(ex);
            }
            catch (Exception ex)
            {
                LogWriteFailed(logger, ex, batch[0].Notification.Id);
                batch[0].Done.TrySetException(ex);
            }
        }
    }

    private async Task CommitAloneAsync(PendingWrite write)
    {
        try
        {
            await CommitAsync([write]);
        }
        catch (NotifyApiException ex)
        {
            write.Done.TrySetException(ex);
        }
        catch (Exception ex)
        {
            LogWriteFailed(logger, ex, write.Notification.Id);
            write.Done.TrySetException(ex);
        }
    }

    /// <summary>
    /// Counts the daily limits last, just before the commit: counting locks the service's counter
    /// row until the commit, and on PostgreSQL a second writer committing for the same service
    /// waits for that lock, so the rows are written first. Sends the counters refuse are deleted
    /// again before the commit. A batch touching a counter already found full today counts first
    /// instead, so a flood of refused sends writes nothing.
    /// </summary>
    private async Task CommitAsync(List<PendingWrite> batch)
    {
        await using var context = database.CreateContext();
        context.Database.AutoSavepointsEnabled = false;
        await using var transaction = await context.Database.BeginTransactionAsync(CancellationToken.None);
        var connection = context.Database.GetDbConnection();
        var today = dailyLimits.Today;
        List<PendingWrite> accepted;
        Dictionary<PendingWrite, DailyCheck> refused;
        if (batch.Exists(w => w.Checks.Any(c => _full.TryGetValue((w.Notification.ServiceId, c.Channel), out var day) && day == today)))
        {
            refused = await CountTodayAsync(connection, transaction.GetDbTransaction(), batch);
            accepted = [.. batch.Where(w => !refused.ContainsKey(w))];
            await InsertAsync(context, accepted);
        }
        else
        {
            await InsertAsync(context, batch);
            refused = await CountTodayAsync(connection, transaction.GetDbTransaction(), batch);
            accepted = [.. batch.Where(w => !refused.ContainsKey(w))];
            if (refused.Count > 0)
            {
                var ids = refused.Keys.Select(w => w.Notification.Id).ToList();
                await context.Notifications.Where(n => ids.Contains(n.Id)).ExecuteDeleteAsync(CancellationToken.None);
            }
        }

        foreach (var check in refused)
        {
            _full[(check.Key.Notification.ServiceId, check.Value.Channel)] = today;
        }

        foreach (var write in accepted)
        {
            if (write.Companion is { } companion)
            {
                await companion.WriteAsync(context, CancellationToken.None);
            }
        }

        if (accepted.Count > 0)
        {
            await queue.EnqueueAsync(context, [.. accepted.Select(w => DeliveryItem.For(w.Notification))], CancellationToken.None);
        }

        await transaction.CommitAsync(CancellationToken.None);
        metrics.Committed(accepted.Select(w => w.Notification), batch.Count);
        foreach (var (write, check) in refused)
        {
            write.Done.TrySetException(new NotifyApiException(429, "TooManyRequestsError", $"Exceeded send limits ({check.Channel}: {check.Limit}) for today"));
        }

        foreach (var write in accepted)
        {
            write.Done.TrySetResult();
        }
    }

    private static async Task InsertAsync(HeraldDbContext context, List<PendingWrite> writes)
    {
        if (writes.Count == 0)
        {
            return;
        }

        if (context.Database.GetDbConnection() is Npgsql.NpgsqlConnection postgres)
        {
            await PostgresNotificationCopy.WriteAsync(postgres, writes.Select(w => w.Notification), CancellationToken.None);
        }
        else
        {
            context.Notifications.AddRange(writes.Select(w => w.Notification));
            await context.SaveChangesAsync(CancellationToken.None);
        }
    }

    /// <summary>
    /// Moves each daily counter the batch touches once, by the number of its sends; when a limit
    /// is reached, the earliest sends of the batch go ahead and the rest are refused. Counters are
    /// locked in one order (service, then channel) whatever the batch, so two writers never
    /// deadlock on each other's rows.
    /// </summary>
    private async Task<Dictionary<PendingWrite, DailyCheck>> CountTodayAsync(
        System.Data.Common.DbConnection connection, System.Data.Common.DbTransaction transaction, List<PendingWrite> batch)
    {
        var refused = new Dictionary<PendingWrite, DailyCheck>();
        var checks = batch.Count == 0 ? 0 : batch.Max(w => w.Checks.Count);
        for (var index = 0; index < checks; index++)
        {
            var groups = batch
                .Where(w => w.Checks.Count > index && !refused.ContainsKey(w))
                .GroupBy(w => (w.Notification.ServiceId, w.Checks[index].Channel, w.Checks[index].Limit))
                .OrderBy(g => g.Key.ServiceId).ThenBy(g => g.Key.Channel, StringComparer.Ordinal);
            foreach (var group in groups)
            {
                var writes = group.ToList();
                var granted = await dailyLimits.CountAsync(connection, transaction, group.Key.ServiceId, group.Key.Channel, group.Key.Limit, writes.Count, CancellationToken.None);
                foreach (var write in writes.Skip(granted))
                {
                    refused[write] = write.Checks[index];
                }
            }
        }

        return refused;
    }

    [LoggerMessage(5001, LogLevel.Error, "Committing accepted notification {NotificationId} failed; its request is answered 500")]
    private static partial void LogWriteFailed(ILogger logger, Exception exception, Guid notificationId);

    [LoggerMessage(5002, LogLevel.Warning, "Committing {Count} accepted notifications together failed (first {NotificationId}); each is committed alone")]
    private static partial void LogBatchRetriedAlone(ILogger logger, Exception exception, int count, Guid notificationId);

    [LoggerMessage(5003, LogLevel.Warning, "Committing {Count} accepted notifications (first {NotificationId}) failed: the database is unavailable ({Reason}); their requests are answered 503")]
    private static partial void LogDatabaseUnavailable(ILogger logger, int count, Guid notificationId, string reason);

    private sealed record PendingWrite(NotificationRecord Notification, IReadOnlyList<DailyCheck> Checks, TaskCompletionSource Done, INotificationWriteCompanion? Companion);
}

/// <summary>A daily counter a send must pass: the channel's (and for trial services the total).</summary>
public sealed record DailyCheck(string Channel, int Limit);
