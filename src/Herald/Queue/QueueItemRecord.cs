namespace Herald.Queue;

/// <summary>
/// A row of <c>queue_items</c>. Times are Unix milliseconds (UTC) so that both backends compare
/// them as plain integers. While an item is leased its <see cref="RunAt"/> holds the lease expiry,
/// so an expired lease makes the item claimable again with no extra condition or index.
/// </summary>
public sealed class QueueItemRecord
{
    public long Id { get; set; }

    public required string Kind { get; set; }

    public required string Payload { get; set; }

    public long RunAt { get; set; }

    public int Priority { get; set; }

    public int Attempts { get; set; }

    public string? LeaseOwner { get; set; }

    public QueueItemState State { get; set; }

    public string? LastError { get; set; }

    public string? DedupKey { get; set; }

    /// <summary>What the item is about (a notification id, a pusher id), for logs and search.</summary>
    public string? Reference { get; set; }

    public long CreatedAt { get; set; }
}
