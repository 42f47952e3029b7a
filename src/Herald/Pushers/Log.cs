namespace Herald.Pushers;

internal static partial class Log
{
    [LoggerMessage(8001, LogLevel.Information, "Pusher scan: {Found} pushers with possible work, {Started} started, in {Elapsed}")]
    public static partial void Scanned(ILogger logger, int found, int started, TimeSpan elapsed);

    [LoggerMessage(8002, LogLevel.Error, "Scanning pushers for work failed; trying again")]
    public static partial void ScanFailed(ILogger logger, Exception exception);

    [LoggerMessage(8003, LogLevel.Error, "Waking the pushers of {UserCount} users of service {ServiceId} failed; a scan will find them")]
    public static partial void WakeFailed(ILogger logger, Exception exception, Guid serviceId, int userCount);

    [LoggerMessage(8004, LogLevel.Error, "Looking for pushers whose process died failed")]
    public static partial void SweepFailed(ILogger logger, Exception exception);

    [LoggerMessage(8005, LogLevel.Warning, "Listening for pusher notifications failed; reconnecting in {Delay}")]
    public static partial void ListenFailed(ILogger logger, Exception exception, TimeSpan delay);

    [LoggerMessage(8006, LogLevel.Debug, "Wake-up for {UserCount} users of service {ServiceId} (receipts: {Receipts}) touched {PusherCount} pushers")]
    public static partial void Woke(ILogger logger, int userCount, Guid serviceId, bool receipts, int pusherCount);

    [LoggerMessage(8010, LogLevel.Debug, "Pusher {PusherId} loop started")]
    public static partial void LoopStarted(ILogger logger, Guid pusherId);

    [LoggerMessage(8011, LogLevel.Debug, "Pusher {PusherId} has no more work; loop ended")]
    public static partial void LoopIdle(ILogger logger, Guid pusherId);

    [LoggerMessage(8012, LogLevel.Information, "Pusher {PusherId} was removed or disabled; loop ended")]
    public static partial void LoopStopped(ILogger logger, Guid pusherId);

    [LoggerMessage(8013, LogLevel.Error, "Pusher {PusherId} failed; trying again in {Delay}")]
    public static partial void StepFailed(ILogger logger, Exception exception, Guid pusherId, TimeSpan delay);

    [LoggerMessage(8014, LogLevel.Error, "Pusher {PusherId} loop failed; the pusher is run again at its next wake-up or scan")]
    public static partial void LoopFailed(ILogger logger, Exception exception, Guid pusherId);

    [LoggerMessage(8015, LogLevel.Warning, "Pusher {PusherId} was taken over by another process; loop ended")]
    public static partial void LeaseLost(ILogger logger, Guid pusherId);

    [LoggerMessage(8016, LogLevel.Warning, "Releasing pusher {PusherId} failed; its lease lapses on its own")]
    public static partial void ReleaseFailed(ILogger logger, Exception exception, Guid pusherId);

    [LoggerMessage(8020, LogLevel.Debug, "Pusher {PusherId} pushed stream ordering {StreamOrdering}")]
    public static partial void Pushed(ILogger logger, Guid pusherId, long streamOrdering);

    [LoggerMessage(8021, LogLevel.Warning, "Pusher {PusherId} push of stream ordering {StreamOrdering} failed ({Reason}); failing since {FailingSince:o}, next try in {Delay}")]
    public static partial void PushFailed(ILogger logger, Guid pusherId, long streamOrdering, string reason, DateTimeOffset failingSince, TimeSpan delay);

    [LoggerMessage(8022, LogLevel.Warning, "Pusher {PusherId} gave up on stream ordering {StreamOrdering} (event {EventId}) after failing since {FailingSince:o}: {Reason}")]
    public static partial void GaveUp(ILogger logger, Guid pusherId, long streamOrdering, string eventId, DateTimeOffset failingSince, string reason);

    [LoggerMessage(8026, LogLevel.Warning, "Pusher {PusherId} parked stream ordering {StreamOrdering} (event {EventId}) after {Tries} tries: {Reason}")]
    public static partial void Parked(ILogger logger, Guid pusherId, long streamOrdering, string eventId, int tries, string reason);

    [LoggerMessage(8027, LogLevel.Error, "Pusher {PusherId} could not build the notification of stream ordering {StreamOrdering} (event {EventId})")]
    public static partial void Unbuildable(ILogger logger, Exception exception, Guid pusherId, long streamOrdering, string eventId);

    [LoggerMessage(8023, LogLevel.Warning, "Pusher {PusherId} removed: the push gateway rejected its pushkey")]
    public static partial void Rejected(ILogger logger, Guid pusherId);

    [LoggerMessage(8024, LogLevel.Warning, "Pusher {PusherId} disabled: {Reason}")]
    public static partial void Disabled(ILogger logger, Guid pusherId, string reason);

    [LoggerMessage(8025, LogLevel.Information, "Pusher {PusherId} badge update ({Unread} unread) failed: {Reason}")]
    public static partial void BadgeFailed(ILogger logger, Guid pusherId, int unread, string reason);

    [LoggerMessage(8028, LogLevel.Information, "Took back {Count} pushers leased by an earlier process of this node")]
    public static partial void Reclaimed(ILogger logger, int count);

    [LoggerMessage(8029, LogLevel.Warning, "Taking back the pushers leased by this node's earlier processes failed; the sweep takes them when their leases lapse")]
    public static partial void ReclaimFailed(ILogger logger, Exception exception);

    [LoggerMessage(8030, LogLevel.Warning, "Analysing the push tables after a large fan-out failed; autovacuum will")]
    public static partial void AnalyzeFailed(ILogger logger, Exception exception);
}
