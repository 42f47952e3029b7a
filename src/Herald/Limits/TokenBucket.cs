namespace Herald.Limits;

/// <summary>Notify's bucket: refills at rate/60 tokens a second and holds min(ceil(rate/3)+1, 1000).</summary>
public readonly record struct TokenBucket(int PerMinute)
{
    public double Capacity => Math.Min(Math.Ceiling(PerMinute / 3.0) + 1, 1000);

    public double RefillPerMillisecond => PerMinute / 60_000.0;
}
