namespace Herald.Queue;

internal readonly record struct QueueOutcome(long Id, QueueOutcomeKind Kind, long RunAt = 0, string? Error = null);
