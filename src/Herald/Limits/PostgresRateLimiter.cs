using System.Collections.Concurrent;
using Herald.Services;
using Herald.Storage;
using Npgsql;

namespace Herald.Limits;

/// <summary>
/// Buckets in PostgreSQL, shared by every node. A node takes tokens from the shared row a few at
/// a time (up to a twentieth of the bucket, at most 50) and spends them locally for up to a
/// second, so a busy service costs one row update per chunk rather than per request; unspent
/// tokens are dropped after that second, so no node can save them up.
/// </summary>
internal sealed class PostgresRateLimiter(HeraldDatabase database, TimeProvider time) : IRateLimiter
{
    private static readonly TimeSpan ChunkLifetime = TimeSpan.FromSeconds(1);

    // Concurrent requests can reach the row out of clock order, so elapsed time never counts below zero.
    private const string Sql = """
        INSERT INTO rate_buckets AS b (service_id, key_type, tokens, updated_at, last_granted)
        VALUES (@service, @key_type, @capacity - LEAST(@chunk, FLOOR(@capacity)), @now, LEAST(@chunk, FLOOR(@capacity)))
        ON CONFLICT (service_id, key_type) DO UPDATE SET
            tokens = LEAST(@capacity, b.tokens + GREATEST(@now - b.updated_at, 0) * @refill)
                - LEAST(@chunk, FLOOR(LEAST(@capacity, b.tokens + GREATEST(@now - b.updated_at, 0) * @refill))),
            last_granted = LEAST(@chunk, FLOOR(LEAST(@capacity, b.tokens + GREATEST(@now - b.updated_at, 0) * @refill))),
            updated_at = GREATEST(b.updated_at, @now)
        RETURNING last_granted
        """;

    private readonly ConcurrentDictionary<(Guid, KeyType), LocalTokens> _local = new();

    public async Task<bool> TryAcquireAsync(Guid serviceId, KeyType keyType, int perMinute, CancellationToken cancellationToken)
    {
        var local = _local.GetOrAdd((serviceId, keyType), _ => new LocalTokens());
        await local.Lock.WaitAsync(cancellationToken);
        try
        {
            var now = time.GetUtcNow();
            if (local.Count > 0 && now < local.ExpiresAt)
            {
                local.Count--;
                return true;
            }

            var shape = new TokenBucket(perMinute);
            var granted = await ClaimAsync(serviceId, keyType, shape, (int)Math.Clamp(shape.Capacity / 20, 1, 50), now, cancellationToken);
            if (granted == 0)
            {
                local.Count = 0;
                return false;
            }

            local.Count = granted - 1;
            local.ExpiresAt = now + ChunkLifetime;
            return true;
        }
        finally
        {
            local.Lock.Release();
        }
    }

    private async Task<int> ClaimAsync(Guid serviceId, KeyType keyType, TokenBucket shape, int chunk, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var connection = await database.PostgresCounterDataSource.OpenConnectionAsync(cancellationToken);
        await using var command = new NpgsqlCommand(Sql, connection);
        command.Parameters.Add(new NpgsqlParameter<Guid>("service", serviceId));
        command.Parameters.Add(new NpgsqlParameter<short>("key_type", (short)keyType));
        command.Parameters.Add(new NpgsqlParameter<double>("capacity", shape.Capacity));
        command.Parameters.Add(new NpgsqlParameter<double>("chunk", chunk));
        command.Parameters.Add(new NpgsqlParameter<long>("now", now.ToUnixTimeMilliseconds()));
        command.Parameters.Add(new NpgsqlParameter<double>("refill", shape.RefillPerMillisecond));
        return Convert.ToInt32(await command.ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture);
    }

    private sealed class LocalTokens
    {
        public SemaphoreSlim Lock { get; } = new(1, 1);

        public int Count { get; set; }

        public DateTimeOffset ExpiresAt { get; set; }
    }
}
