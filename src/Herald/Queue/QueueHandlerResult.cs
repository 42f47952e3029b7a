namespace Herald.Queue;

/// <summary>What a handler says of an item. Throwing means "retry".</summary>
public readonly record struct QueueHandlerResult(bool IsPermanentFailure, string? Reason, bool ItemCompleted = false)
{
    public static QueueHandlerResult Completed { get; } = new(false, null);

    /// <summary>
    /// Done, and the handler already removed the item in its own transaction
    /// (<see cref="QueueWriter.CompleteAsync"/>), so its record and the item's end commit together
    /// and the worker writes nothing more for it.
    /// </summary>
    public static QueueHandlerResult CompletedInTransaction { get; } = new(false, null, true);

    /// <summary>Do not retry: the handler has recorded the outcome; the item is removed and logged.</summary>
    public static QueueHandlerResult PermanentFailure(string reason) => new(true, reason);
}
