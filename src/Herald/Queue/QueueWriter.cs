using System.Data.Common;
using Herald.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace Herald.Queue;

/// <summary>
/// Enqueues work. Inside a caller's transaction the items commit with the caller's rows or not at
/// all (the outbox); the workers are woken when that transaction commits.
/// </summary>
public sealed class QueueWriter(HeraldDatabase database, QueueSignal signal, TimeProvider timeProvider, QueueMetrics metrics)
{
    private readonly IQueueStore _store = QueueStoreFactory.Create(database);

    /// <summary>Enqueues on the context's connection, inside its current transaction if it has one.</summary>
    public async Task<int> EnqueueAsync(HeraldDbContext context, IReadOnlyList<NewQueueItem> items, CancellationToken cancellationToken)
    {
        if (items.Count == 0)
        {
            return 0;
        }

        return await OnConnectionAsync(context, async (connection, transaction) =>
        {
            var inserted = await _store.InsertAsync(connection, transaction, items, Now(), cancellationToken);
            if (transaction is null)
            {
                signal.Committed();
            }
            else
            {
                context.QueueWakePending = true;
            }

            metrics.Enqueued(items, inserted);
            return inserted;
        }, cancellationToken);
    }

    public Task<int> EnqueueAsync(HeraldDbContext context, NewQueueItem item, CancellationToken cancellationToken) =>
        EnqueueAsync(context, [item], cancellationToken);

    /// <summary>Enqueues in a transaction of its own.</summary>
    public async Task<int> EnqueueAsync(IReadOnlyList<NewQueueItem> items, CancellationToken cancellationToken)
    {
        await using var context = database.CreateContext();
        await using var transaction = await context.Database.BeginTransactionAsync(cancellationToken);
        var inserted = await EnqueueAsync(context, items, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return inserted;
    }

    /// <summary>
    /// Removes finished items inside the transaction open on <paramref name="context"/>, for a
    /// handler whose own record and the items' end must commit together; the handler then returns
    /// <see cref="QueueHandlerResult.CompletedInTransaction"/>.
    /// </summary>
    public async Task<int> CompleteAsync(HeraldDbContext context, IReadOnlyList<long> itemIds, CancellationToken cancellationToken)
    {
        if (itemIds.Count == 0)
        {
            return 0;
        }

        return await OnConnectionAsync(context, (connection, transaction) => _store.DeleteAsync(connection, transaction, itemIds, cancellationToken), cancellationToken);
    }

    /// <summary>Runs <paramref name="work"/> on the context's connection, inside its current transaction if it has one.</summary>
    private static async Task<T> OnConnectionAsync<T>(HeraldDbContext context, Func<DbConnection, DbTransaction?, Task<T>> work, CancellationToken cancellationToken)
    {
        await context.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            return await work(context.Database.GetDbConnection(), context.Database.CurrentTransaction?.GetDbTransaction());
        }
        finally
        {
            await context.Database.CloseConnectionAsync();
        }
    }

    private long Now() => timeProvider.GetUtcNow().ToUnixTimeMilliseconds();
}
