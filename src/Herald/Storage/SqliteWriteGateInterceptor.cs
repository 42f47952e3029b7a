using System.Data.Common;
using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Herald.Storage;

/// <summary>
/// Puts EF Core's SQLite transactions through the <see cref="SqliteWriteGate"/>. The gate is
/// released when the transaction ends, or at the latest when its connection closes (a context
/// disposed with an open transaction rolls back without a rollback event).
/// </summary>
internal sealed class SqliteWriteGateInterceptor(SqliteWriteGate gate) : IDbTransactionInterceptor, IDbConnectionInterceptor
{
    private readonly ConditionalWeakTable<DbConnection, SqliteWriteGate.Releaser> _held = [];

    public InterceptionResult<DbTransaction> TransactionStarting(
        DbConnection connection, TransactionStartingEventData eventData, InterceptionResult<DbTransaction> result)
    {
        _held.AddOrUpdate(connection, gate.Enter());
        return result;
    }

    public async ValueTask<InterceptionResult<DbTransaction>> TransactionStartingAsync(
        DbConnection connection, TransactionStartingEventData eventData, InterceptionResult<DbTransaction> result,
        CancellationToken cancellationToken = default)
    {
        _held.AddOrUpdate(connection, await gate.EnterAsync(cancellationToken));
        return result;
    }

    public void TransactionCommitted(DbTransaction transaction, TransactionEndEventData eventData) => Release(eventData);

    public Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Release(eventData);
        return Task.CompletedTask;
    }

    public void TransactionRolledBack(DbTransaction transaction, TransactionEndEventData eventData) => Release(eventData);

    public Task TransactionRolledBackAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Release(eventData);
        return Task.CompletedTask;
    }

    public void TransactionFailed(DbTransaction transaction, TransactionErrorEventData eventData) => Release(eventData);

    public Task TransactionFailedAsync(DbTransaction transaction, TransactionErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        Release(eventData);
        return Task.CompletedTask;
    }

    public void ConnectionClosed(DbConnection connection, ConnectionEndEventData eventData) => Release(connection);

    public Task ConnectionClosedAsync(DbConnection connection, ConnectionEndEventData eventData)
    {
        Release(connection);
        return Task.CompletedTask;
    }

    private void Release(DbContextEventData eventData)
    {
        if (eventData.Context is { } context)
        {
            Release(context.Database.GetDbConnection());
        }
    }

    private void Release(DbConnection connection)
    {
        if (_held.TryGetValue(connection, out var releaser))
        {
            _held.Remove(connection);
            releaser.Dispose();
        }
    }
}
