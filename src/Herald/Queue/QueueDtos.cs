namespace Herald.Queue;

public sealed record QueueKindResponse(string Kind, int Pending, int Dead);

public sealed record QueueResponse(IReadOnlyList<QueueKindResponse> Kinds);

/// <param name="Reference">What the item is about (a notification id, a receipt's provider reference), when it names one.</param>
public sealed record DeadItemResponse(long Id, string Kind, string? Reference, int Attempts, string? LastError, string CreatedAt);

public sealed record DeadItemListResponse(IReadOnlyList<DeadItemResponse> Items);

public sealed record ReplayRequest(IReadOnlyList<long>? Ids, bool? All);

public sealed record ReplayResponse(int Replayed);
