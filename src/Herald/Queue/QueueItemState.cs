namespace Herald.Queue;

public enum QueueItemState : short
{
    /// <summary>Waiting for its run_at, or claimed under a lease (lease_owner set, run_at = lease expiry).</summary>
    Pending = 0,

    /// <summary>Retries exhausted: kept for inspection and replay, never claimed.</summary>
    Dead = 1,
}
