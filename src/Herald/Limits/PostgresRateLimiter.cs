using Herald.Services;
using Herald.Storage;
using Npgsql;

namespace Herald.Limits;

/// <summary>
/// Buckets in PostgreSQL, shared by every node: one upsert refills, takes a token if there is one,
/// and says whether it did. The row is locked only for that statement.
/// </summary>
internal sealed class PostgresRateLimiter(HeraldDatabase database, TimeProvider time) : IRateLimiter
{
    private const string Sql = """
        INSERT INTO rate_buckets AS b (service_id, key_type, tokens, updated_at, last_allowed)
        VALUES (@service, @key_type, @capacity - 1, @now, true)
        ON CONFLICT (service_id, key_type) DO UPDATE SET
            tokens = LEAST(@capacity, b.tokens + (@now - b.updated_at) * @refill)
                - CASE WHEN LEAST(@capacity, b.tokens + (@now - b.updated_at) * @refill) >= 1 THEN 1 ELSE 0 END,
            last_allowed = LEAST(@capacity, b.tokens + (@now - b.updated_at) * @refill) >= 1,
            updated_at = @now
        RETURNING last_allowed
        """;

    public async Task<bool> TryAcquireAsync(Guid serviceId, KeyType keyType, int perMinute, CancellationToken cancellationToken)
    {
        var shape = new TokenBucket(perMinute);
        await using var connection = await database.PostgresDataSource.OpenConnectionAsync(cancellationToken);
        await using var command = new NpgsqlCommand(Sql, connection);
        command.Parameters.Add(new NpgsqlParameter<Guid>("service", serviceId));
        command.Parameters.Add(new NpgsqlParameter<short>("key_type", (short)keyType));
        command.Parameters.Add(new NpgsqlParameter<double>("capacity", shape.Capacity));
        command.Parameters.Add(new NpgsqlParameter<long>("now", time.GetUtcNow().ToUnixTimeMilliseconds()));
        command.Parameters.Add(new NpgsqlParameter<double>("refill", shape.RefillPerMillisecond));
        return await command.ExecuteScalarAsync(cancellationToken) is true;
    }
}
