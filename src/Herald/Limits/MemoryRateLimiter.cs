using System.Collections.Concurrent;
using Herald.Services;

namespace Herald.Limits;

/// <summary>Buckets in memory: right for SQLite, where one process serves the database.</summary>
internal sealed class MemoryRateLimiter(TimeProvider time) : IRateLimiter
{
    private readonly ConcurrentDictionary<(Guid, KeyType), Bucket> _buckets = new();

    public Task<bool> TryAcquireAsync(Guid serviceId, KeyType keyType, int perMinute, CancellationToken cancellationToken)
    {
        var shape = new TokenBucket(perMinute);
        var bucket = _buckets.GetOrAdd((serviceId, keyType), _ => new Bucket(shape.Capacity, time.GetUtcNow().ToUnixTimeMilliseconds()));
        lock (bucket)
        {
            var now = time.GetUtcNow().ToUnixTimeMilliseconds();
            bucket.Tokens = Math.Min(shape.Capacity, bucket.Tokens + ((now - bucket.UpdatedAt) * shape.RefillPerMillisecond));
            bucket.UpdatedAt = now;
            if (bucket.Tokens < 1)
            {
                return Task.FromResult(false);
            }

            bucket.Tokens -= 1;
            return Task.FromResult(true);
        }
    }

    private sealed class Bucket(double tokens, long updatedAt)
    {
        public double Tokens { get; set; } = tokens;

        public long UpdatedAt { get; set; } = updatedAt;
    }
}
