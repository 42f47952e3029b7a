namespace Herald.Pushers;

/// <summary>One pusher's loop as its processor sees it: the pusher as stored now, and what woke it.</summary>
public sealed class PusherRun
{
    private int _receiptsChanged;

    internal PusherRun(Guid pusherId, string? leaseOwner)
    {
        PusherId = pusherId;
        LeaseOwner = leaseOwner;
    }

    public Guid PusherId { get; }

    /// <summary>The pusher, read again before each step (its data or state may have changed).</summary>
    public PusherRecord Pusher { get; internal set; } = null!;

    /// <summary>The lease this loop holds (PostgreSQL), or null where one process runs everything (SQLite).</summary>
    public string? LeaseOwner { get; }

    /// <summary>The processor's own state for as long as the loop runs (a backoff delay, a timer).</summary>
    public object? State { get; set; }

    /// <summary>True once after receipts arrived for the pusher's user (a badge may have changed).</summary>
    public bool TakeReceiptsChanged() => Interlocked.Exchange(ref _receiptsChanged, 0) == 1;

    internal void ReceiptsChanged() => Interlocked.Exchange(ref _receiptsChanged, 1);
}
