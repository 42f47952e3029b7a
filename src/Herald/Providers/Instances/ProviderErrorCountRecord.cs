namespace Herald.Providers.Instances;

/// <summary>Failed calls to one provider in one 10-second bucket, counted by every node; the error-rate shift reads the last minute.</summary>
public sealed class ProviderErrorCountRecord
{
    public Guid ProviderId { get; set; }

    /// <summary>Unix time in seconds divided by <see cref="ProviderErrorCounter.BucketSeconds"/>.</summary>
    public long Bucket { get; set; }

    public int Count { get; set; }
}
