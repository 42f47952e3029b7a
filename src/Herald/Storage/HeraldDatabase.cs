using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Npgsql;

namespace Herald.Storage;

/// <summary>
/// The database Herald runs on: builds <see cref="HeraldDbContext"/>s for features and opens
/// raw connections for the few hot paths that use hand-written SQL (the queue).
/// </summary>
public sealed class HeraldDatabase : IAsyncDisposable
{
    /// <summary>
    /// Contexts kept for reuse: building a context's internal services costs more than many of
    /// the short queries Herald runs with it (delivery creates several per batch).
    /// </summary>
    private const int ContextPoolSize = 256;

    private readonly Func<HeraldDbContext> _createContext;
    private readonly NpgsqlDataSource? _dataSource;
    private readonly NpgsqlDataSource? _counterDataSource;

    /// <param name="interceptors">Features' hooks on every context (the queue wakes its workers on commit).</param>
    public HeraldDatabase(DatabaseTarget target, params IInterceptor[] interceptors)
    {
        Target = target;
        if (target.Provider == DatabaseProvider.Sqlite)
        {
            SqliteConnectionSetup.EnsureDirectory(target.ConnectionString);
            var builder = ConfigureSqlite(new DbContextOptionsBuilder<SqliteHeraldDbContext>(), target.ConnectionString);
            builder.AddInterceptors([new SqliteConnectionInterceptor(target.Durability), new SqliteWriteGateInterceptor(WriteGate), .. interceptors]);
            _createContext = new PooledDbContextFactory<SqliteHeraldDbContext>(builder.Options, ContextPoolSize).CreateDbContext;
        }
        else
        {
            _dataSource = new NpgsqlDataSourceBuilder(target.ConnectionString).Build();

            // Rate buckets and daily counters are hot rows updated on every send. Their commits
            // need not wait for the disk: a crash may forget the last few increments, which only
            // loosens a limit for a moment, and the row lock is held microseconds, not a flush.
            var counters = new NpgsqlConnectionStringBuilder(target.ConnectionString);
            counters.Options = $"{counters.Options} -c synchronous_commit=off".Trim();
            counters.ApplicationName = "herald-counters";
            _counterDataSource = new NpgsqlDataSourceBuilder(counters.ConnectionString).Build();
            var builder = ConfigurePostgres(new DbContextOptionsBuilder<PostgresHeraldDbContext>(), _dataSource);
            builder.AddInterceptors(interceptors);
            _createContext = new PooledDbContextFactory<PostgresHeraldDbContext>(builder.Options, ContextPoolSize).CreateDbContext;
        }
    }

    public DatabaseTarget Target { get; }

    public DatabaseProvider Provider => Target.Provider;

    /// <summary>SQLite has one writer: Herald's own write transactions queue here instead of spinning on SQLITE_BUSY.</summary>
    internal SqliteWriteGate WriteGate { get; } = new();

    /// <summary>A context from the pool; disposing it gives it back, its tracked entities cleared.</summary>
    public HeraldDbContext CreateContext() => _createContext();

    /// <summary>Opens a raw connection with the backend's settings applied.</summary>
    public async Task<DbConnection> OpenConnectionAsync(CancellationToken cancellationToken)
    {
        if (_dataSource is not null)
        {
            return await _dataSource.OpenConnectionAsync(cancellationToken);
        }

        var connection = new SqliteConnection(Target.ConnectionString);
        try
        {
            await connection.OpenAsync(cancellationToken);
            await SqliteConnectionSetup.ApplyAsync(connection, Target.Durability, cancellationToken);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    internal NpgsqlDataSource PostgresDataSource =>
        _dataSource ?? throw new InvalidOperationException("Not a PostgreSQL database.");

    /// <summary>PostgreSQL connections whose commits do not wait for the disk: for limit counters only.</summary>
    internal NpgsqlDataSource PostgresCounterDataSource =>
        _counterDataSource ?? throw new InvalidOperationException("Not a PostgreSQL database.");

    internal static DbContextOptionsBuilder<T> ConfigureSqlite<T>(DbContextOptionsBuilder<T> builder, string connectionString)
        where T : DbContext
    {
        builder.UseSqlite(connectionString).UseSnakeCaseNamingConvention();
        return builder;
    }

    internal static DbContextOptionsBuilder<T> ConfigurePostgres<T>(DbContextOptionsBuilder<T> builder, string connectionString)
        where T : DbContext
    {
        builder.UseNpgsql(connectionString).UseSnakeCaseNamingConvention();
        return builder;
    }

    private static DbContextOptionsBuilder<T> ConfigurePostgres<T>(DbContextOptionsBuilder<T> builder, NpgsqlDataSource dataSource)
        where T : DbContext
    {
        builder.UseNpgsql(dataSource).UseSnakeCaseNamingConvention();
        return builder;
    }

    public async ValueTask DisposeAsync()
    {
        if (_dataSource is not null)
        {
            await _dataSource.DisposeAsync();
            await _counterDataSource!.DisposeAsync();
        }
        else
        {
            SqliteConnection.ClearAllPools();
        }
    }
}
