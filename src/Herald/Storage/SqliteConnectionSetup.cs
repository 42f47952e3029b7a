using System.Data.Common;
using Microsoft.Data.Sqlite;

namespace Herald.Storage;

/// <summary>Per-connection SQLite settings: WAL, durable commits, a busy timeout, foreign keys.</summary>
internal static class SqliteConnectionSetup
{
    public static string Pragmas(Durability durability) =>
        "PRAGMA journal_mode=WAL; " +
        $"PRAGMA synchronous={(durability == Durability.Full ? "FULL" : "NORMAL")}; " +
        "PRAGMA busy_timeout=30000; PRAGMA foreign_keys=ON;";

    public static async Task ApplyAsync(DbConnection connection, Durability durability, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = Pragmas(durability);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public static void Apply(DbConnection connection, Durability durability)
    {
        using var command = connection.CreateCommand();
        command.CommandText = Pragmas(durability);
        command.ExecuteNonQuery();
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
