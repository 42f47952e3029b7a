using System.Data.Common;
using System.Globalization;
using Herald.Storage;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Herald.Limits;

/// <summary>
/// Daily send counters: one upsert per send adds one unless the limit is reached, and says
/// which. Days are UTC, so counters reset at midnight UTC by starting a new row.
/// </summary>
public sealed class DailyLimits(TimeProvider time)
{
    private const string Sql = """
        INSERT INTO daily_counters AS d (service_id, channel, day, count) VALUES ({0}service, {0}channel, {0}day, 1)
        ON CONFLICT (service_id, channel, day) DO UPDATE SET count = d.count + 1 WHERE d.count < {0}limit
        RETURNING count
        """;

    private static readonly string SqliteSql = string.Format(CultureInfo.InvariantCulture, Sql, "$");
    private static readonly string PostgresSql = string.Format(CultureInfo.InvariantCulture, Sql, "@");

    public int Today => int.Parse(time.GetUtcNow().ToString("yyyyMMdd", CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);

    /// <summary>Counts one send on the given connection (and transaction); false when today's limit is reached.</summary>
    public async Task<bool> TryCountAsync(DbConnection connection, DbTransaction? transaction, Guid serviceId, string channel, int limit, CancellationToken cancellationToken)
    {
        if (limit <= 0)
        {
            return false;
        }

        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        var sqlite = connection is SqliteConnection;
        command.CommandText = sqlite ? SqliteSql : PostgresSql;
        Add(command, sqlite, "service", sqlite ? serviceId.ToString().ToUpperInvariant() : serviceId);
        Add(command, sqlite, "channel", channel);
        Add(command, sqlite, "day", Today);
        Add(command, sqlite, "limit", limit);
        return await command.ExecuteScalarAsync(cancellationToken) is not null and not DBNull;
    }

    private static void Add(DbCommand command, bool sqlite, string name, object value)
    {
        DbParameter parameter = sqlite ? new SqliteParameter("$" + name, value) : new NpgsqlParameter(name, value);
        command.Parameters.Add(parameter);
    }
}
