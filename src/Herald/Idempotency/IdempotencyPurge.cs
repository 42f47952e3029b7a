using Herald.Queue;
using Herald.Queue.Periodic;
using Herald.Storage;
using Microsoft.EntityFrameworkCore;

namespace Herald.Idempotency;

/// <summary>
/// Deletes the keys older than <see cref="IdempotencyKeys.Window"/>, a periodic task, oldest first
/// in bounded batches. A key is also replaced at once when a request finds it expired, so the
/// purge only keeps the table small; it never decides whether a key still holds.
/// </summary>
public sealed partial class IdempotencyPurge(HeraldDatabase database, TimeProvider time, ILogger<IdempotencyPurge> logger) : IQueueHandler
{
    public const string KindName = "idempotency.purge-expired";

    /// <summary>Every hour.</summary>
    public static readonly PeriodicTask Schedule = new(KindName, "41 * * * *", KindName);

    /// <summary>Keys deleted per statement (ties on the oldest time may add a few). Settable for tests.</summary>
    internal int BatchSize { get; set; } = 10_000;

    public string Kind => KindName;

    public async Task<QueueHandlerResult> HandleAsync(QueueItem item, CancellationToken cancellationToken)
    {
        var cutoff = time.GetUtcNow().UtcDateTime - IdempotencyKeys.Window;
        var deleted = 0;
        while (true)
        {
            await using var context = database.CreateContext();
            var expired = context.IdempotencyKeys.Where(k => k.CreatedAt <= cutoff);

            // The batch's newest time: everything up to it goes; none means fewer than a batch are left.
            var edge = await expired.OrderBy(k => k.CreatedAt).Select(k => (DateTime?)k.CreatedAt).Skip(BatchSize - 1).FirstOrDefaultAsync(cancellationToken);
            var batch = edge is { } last ? context.IdempotencyKeys.Where(k => k.CreatedAt <= last) : expired;
            deleted += await IdempotencyKeys.WriteAsync(database, context, () => batch.ExecuteDeleteAsync(cancellationToken), cancellationToken);
            if (edge is null)
            {
                break;
            }
        }

        if (deleted > 0)
        {
            LogPurged(logger, deleted, cutoff);
        }

        return QueueHandlerResult.Completed;
    }

    [LoggerMessage(9703, LogLevel.Information, "Deleted {Count} idempotency keys first used before {Cutoff:o}")]
    private static partial void LogPurged(ILogger logger, int count, DateTime cutoff);
}
