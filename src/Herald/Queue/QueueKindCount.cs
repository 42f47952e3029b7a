namespace Herald.Queue;

public sealed record QueueKindCount(string Kind, QueueItemState State, int Count);
