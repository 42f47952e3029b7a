namespace Herald.Queue;

/// <summary>An item to enqueue.</summary>
/// <param name="Kind">Which handler runs it, e.g. <c>delivery.email</c>.</param>
/// <param name="Payload">Handler-specific text, usually JSON.</param>
/// <param name="RunAt">Not before this time; now when null.</param>
/// <param name="Priority">Higher runs first among due items.</param>
/// <param name="DedupKey">When set, enqueueing is a no-op while another pending item has this key.</param>
/// <param name="Reference">What the item is about (a notification id), for logs and search.</param>
public sealed record NewQueueItem(
    string Kind,
    string Payload,
    DateTimeOffset? RunAt = null,
    int Priority = 0,
    string? DedupKey = null,
    string? Reference = null);
