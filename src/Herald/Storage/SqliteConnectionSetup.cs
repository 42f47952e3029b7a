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

    // The WAL is copied back into the database once it holds 10,000 pages (40 MB) instead of
    // SQLite's 1,000: a busy worker rewrites the same queue and index pages many times over, and
    // every checkpoint copies them again inside a commit. An SMS drain wrote 15 % fewer bytes
    // (docs/performance.md). The file is trimmed back to 64 MB should a long reader let it grow.
    public static string Pragmas(Durability durability) =>
        "PRAGMA journal_mode=WAL; " +
        $"PRAGMA synchronous={(durability == Durability.Full ? "FULL" : "NORMAL")}; " +
        "PRAGMA wal_autocheckpoint=10000; PRAGMA journal_size_limit=67108864; " +
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
