using Herald.Storage;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Herald.Bench;

/// <summary>A fresh database for one run: a SQLite file in a temp directory, or a new PostgreSQL database.</summary>
internal sealed class BenchDatabase : IAsyncDisposable
{
    private readonly string? _directory;
    private readonly string? _postgresName;
    private readonly string? _server;

    private BenchDatabase(string argument, string? directory, string? postgresName, string? server)
    {
        Argument = argument;
        _directory = directory;
        _postgresName = postgresName;
        _server = server;
    }

    /// <summary>The <c>--database</c> value.</summary>
    public string Argument { get; }

    public static async Task<BenchDatabase> CreateAsync(DatabaseProvider provider, string? postgresServer)
    {
        if (provider == DatabaseProvider.Sqlite)
        {
            var directory = Directory.CreateTempSubdirectory("herald-bench-").FullName;
            return new BenchDatabase($"sqlite:{Path.Combine(directory, "herald.db")}", directory, null, null);
        }

        var server = postgresServer ?? throw new InvalidOperationException("Set HERALD_TEST_POSTGRES (scripts/bench-queue starts a server).");
        var name = $"herald_b_{Guid.NewGuid():N}"[..30];
        await using (var admin = new NpgsqlConnection(server))
        {
            await admin.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE {name}", admin);
            await create.ExecuteNonQueryAsync();
        }

        return new BenchDatabase(new NpgsqlConnectionStringBuilder(server) { Database = name }.ConnectionString, null, name, server);
    }

    public async ValueTask DisposeAsync()
    {
        if (_directory is not null)
        {
            SqliteConnection.ClearAllPools();
            Directory.Delete(_directory, recursive: true);
        }

        if (_postgresName is not null)
        {
            NpgsqlConnection.ClearAllPools();
            await using var admin = new NpgsqlConnection(_server);
            await admin.OpenAsync();
            await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {_postgresName} WITH (FORCE)", admin);
            await drop.ExecuteNonQueryAsync();
        }
    }
}
