using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Herald.Storage;

/// <summary>
/// Who this process is across restarts (<see cref="NodeOptions.Id"/>), and whether it is the only
/// live process under that name. Leases (queue items, pushers) are owned by
/// <c>{node id}/{process id}/{random}</c>; a process that holds the node's lock knows that every
/// other lease under its node id belongs to a process that is gone, and may take those back
/// without waiting for them to expire. The lock is a session advisory lock on PostgreSQL and an
/// exclusive lock file beside the database on SQLite; both die with the process, SIGKILL included.
/// </summary>
public sealed partial class NodeIdentity : IAsyncDisposable
{
    /// <summary>How long a start waits for a predecessor's lock to go: the kernel frees it as the process dies.</summary>
    private static readonly TimeSpan PredecessorGrace = TimeSpan.FromSeconds(2);

    private readonly HeraldDatabase _database;
    private readonly TimeProvider _time;
    private readonly ILogger<NodeIdentity> _logger;
    private readonly Lazy<Task<bool>> _sole;
    private readonly CancellationTokenSource _disposed = new();
    private NpgsqlConnection? _lockConnection;
    private FileStream? _lockFile;

    public NodeIdentity(IOptions<NodeOptions> node, IOptions<StorageOptions> storage, HeraldDatabase database, TimeProvider time, ILogger<NodeIdentity> logger)
    {
        _database = database;
        _time = time;
        _logger = logger;
        Id = node.Value.Id is { Length: > 0 } id ? id : DefaultId(storage.Value.Data);
        _sole = new(() => AcquireAsync(_disposed.Token));
    }

    public string Id { get; }

    /// <summary>What every lease owner of this node starts with.</summary>
    public string LeaseOwnerPrefix => Id + "/";

    /// <summary>A lease owner name for one part of this process (a queue worker, the pusher pool).</summary>
    public string NewLeaseOwner() => $"{LeaseOwnerPrefix}{Environment.ProcessId}/{Guid.NewGuid().ToString("N")[..8]}";

    /// <summary>
    /// True once this process holds the node's lock, so no other live process runs under this
    /// node id; false (and a warning) if another one does. Taken on first call, held until exit.
    /// </summary>
    public Task<bool> IsSoleProcessAsync(CancellationToken cancellationToken) => _sole.Value.WaitAsync(cancellationToken);

    /// <summary>The host name and a hash of the full data directory path, e.g. <c>web-1-3fa2c9d0</c>.</summary>
    public static string DefaultId(string dataDirectory)
    {
        var host = new string([.. Environment.MachineName.ToLowerInvariant().Where(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or '_')]);
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(Path.GetFullPath(dataDirectory))))[..8];
        return $"{(host.Length == 0 ? "node" : host[..Math.Min(host.Length, NodeOptions.MaxIdLength - 9)])}-{hash}";
    }

    private async Task<bool> AcquireAsync(CancellationToken cancellationToken)
    {
        var giveUpAt = _time.GetUtcNow() + PredecessorGrace;
        while (true)
        {
            if (await TryLockAsync(cancellationToken))
            {
                return true;
            }

            if (_time.GetUtcNow() >= giveUpAt)
            {
                LogIdInUse(_logger, Id);
                return false;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(100), _time, cancellationToken);
        }
    }

    private async Task<bool> TryLockAsync(CancellationToken cancellationToken)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes("herald.node:" + Id));
        if (_database.Provider == DatabaseProvider.Sqlite)
        {
            var path = $"{new SqliteConnectionStringBuilder(_database.Target.ConnectionString).DataSource}.node-{Convert.ToHexStringLower(hash)[..16]}.lock";
            try
            {
                _lockFile = new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
                return true;
            }
            catch (IOException)
            {
                return false;
            }
        }

        // Its own unpooled connection: a pooled one would go back to the pool still holding the
        // session lock, and the pool could close it at any time.
        var builder = new NpgsqlConnectionStringBuilder(_database.Target.ConnectionString) { Pooling = false, ApplicationName = "herald-node-lock" };
        var connection = new NpgsqlConnection(builder.ConnectionString);
        try
        {
            await connection.OpenAsync(cancellationToken);
            await using var take = new NpgsqlCommand("SELECT pg_try_advisory_lock(@key)", connection);
            take.Parameters.AddWithValue("key", BinaryPrimitives.ReadInt64BigEndian(hash));
            if (await take.ExecuteScalarAsync(cancellationToken) is true)
            {
                _lockConnection = connection;
                return true;
            }
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }

        await connection.DisposeAsync();
        return false;
    }

    public async ValueTask DisposeAsync()
    {
        await _disposed.CancelAsync();
        if (_lockConnection is not null)
        {
            await _lockConnection.DisposeAsync();
        }

        if (_lockFile is not null)
        {
            await _lockFile.DisposeAsync();
        }

        _disposed.Dispose();
    }

    [LoggerMessage(102, LogLevel.Warning, "Another live process runs as node {NodeId}: leases of this node's earlier processes are left to expire. Give every process its own Node:Id (HERALD_NODE__ID)")]
    private static partial void LogIdInUse(ILogger logger, string nodeId);
}
