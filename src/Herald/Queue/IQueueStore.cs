using System.Data.Common;

namespace Herald.Queue;

/// <summary>The queue's SQL, one implementation per backend.</summary>
internal interface IQueueStore
{
    /// <summary>Inserts items on the caller's connection and transaction; returns how many were inserted (de-duplicated ones are not).</summary>
    Task<int> InsertAsync(DbConnection connection, DbTransaction? transaction, IReadOnlyList<NewQueueItem> items, long nowMs, CancellationToken cancellationToken);

    /// <summary>Claims up to <paramref name="limit"/> due items under a lease held by <paramref name="owner"/> until <paramref name="leaseUntilMs"/>.</summary>
    Task<IReadOnlyList<QueueItem>> ClaimAsync(string owner, int limit, long nowMs, long leaseUntilMs, CancellationToken cancellationToken);

    /// <summary>
    /// Moves the leases <paramref name="owner"/> still holds on <paramref name="ids"/> on to
    /// <paramref name="leaseUntilMs"/>; items completed, retried, released or taken over are left alone.
    /// </summary>
    Task RenewAsync(string owner, IReadOnlyList<long> ids, long leaseUntilMs, CancellationToken cancellationToken);

    /// <summary>
    /// Makes due at once the items leased by owners starting with <paramref name="ownerPrefix"/>
    /// other than <paramref name="currentOwner"/>: the leases of a dead process of this node.
    /// Returns how many were freed.
    /// </summary>
    Task<int> ReclaimAsync(string ownerPrefix, string currentOwner, long nowMs, CancellationToken cancellationToken);

    /// <summary>Deletes finished items on the caller's connection and transaction.</summary>
    Task<int> DeleteAsync(DbConnection connection, DbTransaction? transaction, IReadOnlyList<long> ids, CancellationToken cancellationToken);

    /// <summary>Writes a batch of outcomes in one transaction.</summary>
    Task CompleteAsync(string owner, IReadOnlyList<QueueOutcome> outcomes, long nowMs, CancellationToken cancellationToken);

    /// <summary>Makes dead items pending again with their tries reset; all dead items when <paramref name="ids"/> is null.</summary>
    Task<int> ReplayDeadAsync(IReadOnlyList<long>? ids, long nowMs, CancellationToken cancellationToken);

    /// <summary>
    /// Moves the schedule <paramref name="name"/> to <paramref name="slotMs"/> and enqueues
    /// <paramref name="item"/> in one transaction, only if no scheduler has taken that slot (or a later one).
    /// </summary>
    Task<bool> TryTakePeriodicSlotAsync(string name, long slotMs, NewQueueItem item, long nowMs, CancellationToken cancellationToken);

    /// <summary>The last slot taken for a schedule, or null if none was.</summary>
    Task<long?> GetLastPeriodicSlotAsync(string name, CancellationToken cancellationToken);
}
