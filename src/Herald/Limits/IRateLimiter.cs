using Herald.Services;

namespace Herald.Limits;

/// <summary>Per-service, per-key-type request rate on the send routes.</summary>
public interface IRateLimiter
{
    /// <summary>Takes a token; false when the bucket is empty.</summary>
    Task<bool> TryAcquireAsync(Guid serviceId, KeyType keyType, int perMinute, CancellationToken cancellationToken);
}
