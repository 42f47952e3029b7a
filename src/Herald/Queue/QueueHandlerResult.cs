namespace Herald.Queue;

/// <summary>What a handler says of an item. Throwing means "retry".</summary>
public readonly record struct QueueHandlerResult(bool IsPermanentFailure, string? Reason)
{
    public static QueueHandlerResult Completed { get; } = new(false, null);

    /// <summary>Do not retry: the handler has recorded the outcome; the item is removed and logged.</summary>
    public static QueueHandlerResult PermanentFailure(string reason) => new(true, reason);
}
