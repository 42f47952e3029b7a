using Herald.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace Herald.Queue;

/// <summary>What an operator does with the queue: look at the backlog and dead items, replay them.</summary>
public sealed class QueueAdministration(HeraldDatabase database, QueueSignal signal, TimeProvider time, ILogger<QueueAdministration> logger)
{
    private readonly IQueueStore _store = QueueStoreFactory.Create(database);

    /// <summary>How many dead items a listing shows unless asked for more or fewer.</summary>
    public const int DefaultDeadListed = 50;

    public async Task<IReadOnlyList<QueueItemRecord>> ListDeadAsync(int limit, CancellationToken cancellationToken)
    {
        await using var context = database.CreateContext();
        return await context.QueueItems.AsNoTracking()
            .Where(i => i.State == QueueItemState.Dead)
            .OrderByDescending(i => i.Id)
            .Take(limit)
            .ToListAsync(cancellationToken);
    }

    /// <summary>Counts by kind: pending (due or not, leased or not) and dead.</summary>
    public async Task<IReadOnlyList<QueueKindCount>> CountAsync(CancellationToken cancellationToken)
    {
        await using var context = database.CreateContext();
        return await context.QueueItems.AsNoTracking()
            .GroupBy(i => new { i.Kind, i.State })
            .Select(g => new QueueKindCount(g.Key.Kind, g.Key.State, g.Count()))
            .ToListAsync(cancellationToken);
    }

    /// <summary>Makes dead items pending again with their tries reset; every dead item when <paramref name="ids"/> is null.</summary>
    public async Task<int> ReplayAsync(IReadOnlyList<long>? ids, CancellationToken cancellationToken)
    {
        var count = await _store.ReplayDeadAsync(ids, time.GetUtcNow().ToUnixTimeMilliseconds(), cancellationToken);
        Log.Replayed(logger, count);
        signal.Pulse();
        return count;
    }
}
