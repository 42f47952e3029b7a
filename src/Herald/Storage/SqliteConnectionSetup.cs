using System.Data.Common;
using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace Herald.Storage;

/// <summary>
/// Per-connection SQLite settings: WAL, durable commits, a busy timeout, foreign keys. Applied
/// once per database connection: the pool hands the same connection out again with its settings.
/// </summary>
internal static class SqliteConnectionSetup
{
    private static readonly ConditionalWeakTable<sqlite3, object> Configured = [];
    private static readonly object Applied = new();

    public static string Pragmas(Durability durability) =>
        "PRAGMA journal_mode=WAL; " +
        $"PRAGMA synchronous={(durability == Durability.Full ? "FULL" : "NORMAL")}; " +
        "PRAGMA busy_timeout=30000; PRAGMA foreign_keys=ON;";

    public static async Task ApplyAsync(DbConnection connection, Durability durability, CancellationToken cancellationToken)
    {
        if (IsConfigured(connection))
        {
            return;
        }

        await using var command = connection.CreateCommand();
        command.CommandText = Pragmas(durability);
        await command.ExecuteNonQueryAsync(cancellationToken);
        MarkConfigured(connection);
    }

    public static void Apply(DbConnection connection, Durability durability)
    {
        if (IsConfigured(connection))
        {
            return;
        }

        using var command = connection.CreateCommand();
        command.CommandText = Pragmas(durability);
        command.ExecuteNonQuery();
        MarkConfigured(connection);
    }

    private static bool IsConfigured(DbConnection connection) =>
        connection is SqliteConnection { Handle: { } handle } && Configured.TryGetValue(handle, out _);

    private static void MarkConfigured(DbConnection connection)
    {
        if (connection is SqliteConnection { Handle: { } handle })
        {
            Configured.AddOrUpdate(handle, Applied);
        }
    }

    public static void EnsureDirectory(string connectionString)
    {
        var path = new SqliteConnectionStringBuilder(connectionString).DataSource;
        var directory = Path.GetDirectoryName(Path.GetFullPath(path));
        if (!string.IsNullOrEmpty(directory))
        {
            Directory.CreateDirectory(directory);
        }
    }
}
