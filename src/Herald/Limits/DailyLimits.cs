using System.Data.Common;
using System.Globalization;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Herald.Limits;

/// <summary>
/// Daily send counters: one row per service, channel and UTC day (so counters reset at midnight
/// UTC by starting a new row), moved forward a whole batch of sends at a time.
/// </summary>
public sealed class DailyLimits(TimeProvider time)
{
    private const string PostgresSql = """
        INSERT INTO daily_counters (service_id, channel, day, count) VALUES (@service, @channel, @day, 0)
        ON CONFLICT (service_id, channel, day) DO NOTHING;
        WITH old AS (
            SELECT count FROM daily_counters WHERE service_id = @service AND channel = @channel AND day = @day FOR UPDATE)
        UPDATE daily_counters d SET count = LEAST(d.count + @wanted, GREATEST(d.count, @limit))
        FROM old WHERE d.service_id = @service AND d.channel = @channel AND d.day = @day
        RETURNING d.count - old.count
        """;

    private const string SqliteSql = """
        INSERT INTO daily_counters (service_id, channel, day, count) VALUES ($service, $channel, $day, 0)
        ON CONFLICT (service_id, channel, day) DO NOTHING;
        SELECT count FROM daily_counters WHERE service_id = $service AND channel = $channel AND day = $day;
        UPDATE daily_counters SET count = MIN(count + $wanted, MAX(count, $limit))
        WHERE service_id = $service AND channel = $channel AND day = $day;
        SELECT count FROM daily_counters WHERE service_id = $service AND channel = $channel AND day = $day;
        """;

    // All or nothing: the counter moves by the whole of wanted or not at all.
    private const string ReserveSql = """
        INSERT INTO daily_counters (service_id, channel, day, count) VALUES (@service, @channel, @day, 0)
        ON CONFLICT (service_id, channel, day) DO NOTHING;
        UPDATE daily_counters SET count = count + @wanted
        WHERE service_id = @service AND channel = @channel AND day = @day AND count + @wanted <= @limit
        RETURNING count;
        """;

    /// <summary>Today's UTC date as yyyymmdd.</summary>
    public int Today
    {
        get
        {
            var now = time.GetUtcNow();
            return (now.Year * 10_000) + (now.Month * 100) + now.Day;
        }
    }

    /// <summary>
    /// Counts all of <paramref name="wanted"/> sends inside the caller's transaction if they fit
    /// under <paramref name="limit"/> today, or none: a bulk job is sent whole or not at all.
    /// </summary>
    public async Task<bool> ReserveAsync(DbConnection connection, DbTransaction transaction, Guid serviceId, string channel, int limit, int wanted, CancellationToken cancellationToken)
    {
        if (wanted <= 0)
        {
            return true;
        }

        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        if (connection is SqliteConnection)
        {
            command.CommandText = ReserveSql.Replace('@', '$');
            command.Parameters.Add(new SqliteParameter("$service", serviceId.ToString().ToUpperInvariant()));
            command.Parameters.Add(new SqliteParameter("$channel", channel));
            command.Parameters.Add(new SqliteParameter("$day", Today));
            command.Parameters.Add(new SqliteParameter("$wanted", wanted));
            command.Parameters.Add(new SqliteParameter("$limit", limit));
        }
        else
        {
            command.CommandText = ReserveSql;
            command.Parameters.Add(new NpgsqlParameter<Guid>("service", serviceId));
            command.Parameters.Add(new NpgsqlParameter<string>("channel", channel));
            command.Parameters.Add(new NpgsqlParameter<int>("day", Today));
            command.Parameters.Add(new NpgsqlParameter<int>("wanted", wanted));
            command.Parameters.Add(new NpgsqlParameter<int>("limit", limit));
        }

        return await command.ExecuteScalarAsync(cancellationToken) is not (null or DBNull);
    }

    /// <summary>
    /// Counts up to <paramref name="wanted"/> sends inside the caller's transaction and returns how
    /// many fit under <paramref name="limit"/> today (the first that many of the batch go ahead).
    /// </summary>
    public async Task<int> CountAsync(DbConnection connection, DbTransaction transaction, Guid serviceId, string channel, int limit, int wanted, CancellationToken cancellationToken)
    {
        if (limit <= 0 || wanted <= 0)
        {
            return 0;
        }

        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        if (connection is SqliteConnection)
        {
            command.CommandText = SqliteSql;
            command.Parameters.Add(new SqliteParameter("$service", serviceId.ToString().ToUpperInvariant()));
            command.Parameters.Add(new SqliteParameter("$channel", channel));
            command.Parameters.Add(new SqliteParameter("$day", Today));
            command.Parameters.Add(new SqliteParameter("$wanted", wanted));
            command.Parameters.Add(new SqliteParameter("$limit", limit));
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            await reader.ReadAsync(cancellationToken);
            var before = reader.GetInt32(0);
            await reader.NextResultAsync(cancellationToken);
            await reader.ReadAsync(cancellationToken);
            return reader.GetInt32(0) - before;
        }

        command.CommandText = PostgresSql;
        command.Parameters.Add(new NpgsqlParameter<Guid>("service", serviceId));
        command.Parameters.Add(new NpgsqlParameter<string>("channel", channel));
        command.Parameters.Add(new NpgsqlParameter<int>("day", Today));
        command.Parameters.Add(new NpgsqlParameter<int>("wanted", wanted));
        command.Parameters.Add(new NpgsqlParameter<int>("limit", limit));
        return Convert.ToInt32(await command.ExecuteScalarAsync(cancellationToken), CultureInfo.InvariantCulture);
    }
}
