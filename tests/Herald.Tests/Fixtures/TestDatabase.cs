using Herald.Storage;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Herald.Tests.Fixtures;

/// <summary>
/// A fresh, empty database for one test: a temporary SQLite file, or a new database on the
/// PostgreSQL server named by <c>HERALD_TEST_POSTGRES</c> (which <c>scripts/test</c> starts).
/// </summary>
public sealed class TestDatabase : IAsyncDisposable
{
    private readonly string? _sqliteDirectory;
    private readonly string? _postgresName;

    private TestDatabase(DatabaseTarget target, string? sqliteDirectory, string? postgresName)
    {
        Target = target;
        _sqliteDirectory = sqliteDirectory;
        _postgresName = postgresName;
    }

    public DatabaseTarget Target { get; }

    /// <summary>The value a user would pass as <c>--database</c>.</summary>
    public string DatabaseArgument => Target.Provider == DatabaseProvider.Sqlite
        ? $"sqlite:{new SqliteConnectionStringBuilder(Target.ConnectionString).DataSource}"
        : Target.ConnectionString;

    public static string PostgresServer =>
        Environment.GetEnvironmentVariable("HERALD_TEST_POSTGRES") is { Length: > 0 } server
            ? server
            : throw new InvalidOperationException(
                "HERALD_TEST_POSTGRES is not set. Run scripts/test, which starts a PostgreSQL server for the tests, " +
                "or set it to a connection string of a server where the tests may create databases.");

    public static async Task<TestDatabase> CreateAsync(DatabaseProvider provider, Durability durability = Durability.Full)
    {
        if (provider == DatabaseProvider.Sqlite)
        {
            var directory = Path.Combine(Path.GetTempPath(), "herald-tests", Guid.NewGuid().ToString("N"));
            Directory.CreateDirectory(directory);
            return new TestDatabase(DatabaseTarget.Parse($"sqlite:{Path.Combine(directory, "herald.db")}", directory, durability), directory, null);
        }

        var name = $"herald_t_{Guid.NewGuid():N}"[..30];
        await using (var admin = new NpgsqlConnection(PostgresServer))
        {
            await admin.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE {name}", admin);
            await create.ExecuteNonQueryAsync();
        }

        var builder = new NpgsqlConnectionStringBuilder(PostgresServer) { Database = name };
        return new TestDatabase(DatabaseTarget.Parse(builder.ConnectionString, ".", durability), null, name);
    }

    public async ValueTask DisposeAsync()
    {
        if (_sqliteDirectory is not null)
        {
            SqliteConnection.ClearAllPools();
            try
            {
                Directory.Delete(_sqliteDirectory, recursive: true);
            }
            catch (IOException)
            {
                // A file still open by a process the test started; the temp directory is cleaned later.
            }
        }

        if (_postgresName is not null)
        {
            NpgsqlConnection.ClearAllPools();
            await using var admin = new NpgsqlConnection(PostgresServer);
            await admin.OpenAsync();
            await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {_postgresName} WITH (FORCE)", admin);
            await drop.ExecuteNonQueryAsync();
        }
    }
}
