namespace Herald.Queue;

/// <summary>Runs the items of one kind. Registered with <c>services.AddQueueHandler&lt;T&gt;()</c>.</summary>
public interface IQueueHandler
{
    string Kind { get; }

    Task<QueueHandlerResult> HandleAsync(QueueItem item, CancellationToken cancellationToken);
}
