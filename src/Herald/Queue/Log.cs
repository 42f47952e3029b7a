using Microsoft.Extensions.Logging;

namespace Herald.Queue;

internal static partial class Log
{
    [LoggerMessage(1001, LogLevel.Warning, "RETRY: {Kind} item {ItemId} (reference {Reference}) try {Attempt} of {MaxAttempts} failed; next try at {NextRunAt:o}: {Reason}")]
    public static partial void Retry(ILogger logger, Exception? exception, string kind, long itemId, string? reference, int attempt, int maxAttempts, DateTimeOffset nextRunAt, string reason);

    [LoggerMessage(1002, LogLevel.Error, "RETRY FAILED: {Kind} item {ItemId} (reference {Reference}) failed all {MaxAttempts} tries and is kept as dead: {Reason}")]
    public static partial void RetryFailed(ILogger logger, Exception? exception, string kind, long itemId, string? reference, int maxAttempts, string reason);

    [LoggerMessage(1003, LogLevel.Warning, "{Kind} item {ItemId} (reference {Reference}) failed permanently: {Reason}")]
    public static partial void PermanentFailure(ILogger logger, string kind, long itemId, string? reference, string reason);

    [LoggerMessage(1004, LogLevel.Error, "Claiming queue items failed; trying again in {Delay}")]
    public static partial void ClaimFailed(ILogger logger, Exception exception, TimeSpan delay);

    [LoggerMessage(1005, LogLevel.Error, "Writing {Count} queue outcomes failed (first item {FirstItemId}); trying again in {Delay}")]
    public static partial void CompleteFailed(ILogger logger, Exception exception, int count, long firstItemId, TimeSpan delay);

    [LoggerMessage(1006, LogLevel.Information, "Queue worker {Owner} started: batch {BatchSize}, {HandlerConcurrency} handlers, {MaxInFlight} in flight, lease {Lease}")]
    public static partial void WorkerStarted(ILogger logger, string owner, int batchSize, int handlerConcurrency, int maxInFlight, TimeSpan lease);

    [LoggerMessage(1007, LogLevel.Information, "Queue worker {Owner} stopped; {Released} claimed items released")]
    public static partial void WorkerStopped(ILogger logger, string owner, int released);

    [LoggerMessage(1008, LogLevel.Warning, "Listening for queue notifications failed; reconnecting in {Delay}")]
    public static partial void ListenFailed(ILogger logger, Exception exception, TimeSpan delay);

    [LoggerMessage(1009, LogLevel.Error, "Periodic task {Name} could not be scheduled for slot {Slot:o}")]
    public static partial void PeriodicFailed(ILogger logger, Exception exception, string name, DateTimeOffset slot);

    [LoggerMessage(1010, LogLevel.Information, "Periodic task {Name} enqueued for slot {Slot:o}")]
    public static partial void PeriodicEnqueued(ILogger logger, string name, DateTimeOffset slot);

    [LoggerMessage(1011, LogLevel.Debug, "Periodic task {Name} slot {Slot:o} already taken by another scheduler")]
    public static partial void PeriodicAlreadyTaken(ILogger logger, string name, DateTimeOffset slot);

    [LoggerMessage(1013, LogLevel.Error, "Giving up writing {Count} queue outcomes at shutdown (first item {FirstItemId}); their leases expire and they run again")]
    public static partial void CompleteAbandoned(ILogger logger, int count, long firstItemId);

    [LoggerMessage(1014, LogLevel.Warning, "Counting the queue backlog failed")]
    public static partial void BacklogSampleFailed(ILogger logger, Exception exception);

    [LoggerMessage(1015, LogLevel.Warning, "Notifying other processes of new queue items failed; they find them at their next poll")]
    public static partial void NotifyFailed(ILogger logger, Exception exception);

    [LoggerMessage(1016, LogLevel.Warning, "Renewing the leases of {Count} claimed queue items failed; trying again in {Interval}")]
    public static partial void RenewFailed(ILogger logger, Exception exception, int count, TimeSpan interval);

    [LoggerMessage(1012, LogLevel.Information, "Replayed {Count} dead queue items")]
    public static partial void Replayed(ILogger logger, int count);

    [LoggerMessage(1017, LogLevel.Warning, "Preparing {Count} claimed {Kind} items (first item {FirstItemId}) failed; each reads what it needs itself")]
    public static partial void PrepareFailed(ILogger logger, Exception exception, int count, string kind, long firstItemId);

    [LoggerMessage(1018, LogLevel.Information, "Took back {Count} queue items leased by an earlier process of node {NodeId}")]
    public static partial void Reclaimed(ILogger logger, int count, string nodeId);

    [LoggerMessage(1019, LogLevel.Warning, "Taking back the queue leases of node {NodeId}'s earlier processes failed; they run again when the leases expire")]
    public static partial void ReclaimFailed(ILogger logger, Exception exception, string nodeId);
}
