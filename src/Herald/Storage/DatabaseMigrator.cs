using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Herald.Storage;

/// <summary>
/// Brings the schema to the latest migration of the backend in use. On PostgreSQL a session
/// advisory lock (on SQLite a lock file beside the database) makes processes that start together take turns; the later ones find nothing to do.
/// </summary>
public sealed partial class DatabaseMigrator(HeraldDatabase database, ILogger<DatabaseMigrator> logger)
{
    // Any fixed number, the same in every Herald process: "herald" in ASCII.
    private const long MigrationLockKey = 0x686572616c64;

    /// <summary>Applies pending migrations and returns their names (empty when already up to date).</summary>
    public async Task<IReadOnlyList<string>> MigrateAsync(CancellationToken cancellationToken)
    {
        NpgsqlConnection? lockConnection = null;
        FileStream? lockFile = null;
        try
        {
            if (database.Provider == DatabaseProvider.Sqlite)
            {
                lockFile = await SqliteMigrationLock.AcquireAsync(database.Target, cancellationToken);
            }
            else
            {
                lockConnection = await database.PostgresDataSource.OpenConnectionAsync(cancellationToken);
                await using var take = new NpgsqlCommand("SELECT pg_advisory_lock(@key)", lockConnection);
                take.Parameters.AddWithValue("key", MigrationLockKey);
                await take.ExecuteNonQueryAsync(cancellationToken);
            }

            await using var context = database.CreateContext();
            var pending = (await context.Database.GetPendingMigrationsAsync(cancellationToken)).ToList();
            if (pending.Count > 0)
            {
                await context.Database.MigrateAsync(cancellationToken);
                LogApplied(logger, pending.Count, database.Target.Describe(), string.Join(", ", pending));
            }
            else
            {
                LogUpToDate(logger, database.Target.Describe());
            }

            return pending;
        }
        finally
        {
            if (lockFile is not null)
            {
                await lockFile.DisposeAsync();
            }

            if (lockConnection is not null)
            {
                // Pooled connections outlive this call, so the session lock is released explicitly.
                await using (var release = new NpgsqlCommand("SELECT pg_advisory_unlock(@key)", lockConnection))
                {
                    release.Parameters.AddWithValue("key", MigrationLockKey);
                    await release.ExecuteNonQueryAsync(CancellationToken.None);
                }

                await lockConnection.DisposeAsync();
            }
        }
    }

    public async Task<IReadOnlyList<string>> AppliedMigrationsAsync(CancellationToken cancellationToken)
    {
        await using var context = database.CreateContext();
        return [.. await context.Database.GetAppliedMigrationsAsync(cancellationToken)];
    }

    [LoggerMessage(100, LogLevel.Information, "Applied {Count} migrations to {Database}: {Migrations}")]
    private static partial void LogApplied(ILogger logger, int count, string database, string migrations);

    [LoggerMessage(101, LogLevel.Information, "Database {Database} is up to date")]
    private static partial void LogUpToDate(ILogger logger, string database);
}
