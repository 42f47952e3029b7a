namespace Herald.Limits;

/// <summary>A service's token bucket for one key type, shared by every node on PostgreSQL.</summary>
public sealed class RateBucketRecord
{
    public Guid ServiceId { get; set; }

    public short KeyType { get; set; }

    public double Tokens { get; set; }

    /// <summary>Unix milliseconds of the last refill.</summary>
    public long UpdatedAt { get; set; }

    /// <summary>Tokens the last claim took (lets one upsert refill, take and answer).</summary>
    public int LastGranted { get; set; }
}
