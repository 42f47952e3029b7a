namespace Herald.Queue;

/// <summary>
/// A queue handler that reads what a claimed batch of its items needs in one go before they run,
/// instead of once per item as each gets a handler slot. A failure is logged and the items run
/// anyway: each handler must still be able to read what it needs on its own.
/// </summary>
public interface IQueueBatchPreparer
{
    Task PrepareAsync(IReadOnlyList<QueueItem> items, CancellationToken cancellationToken);
}
