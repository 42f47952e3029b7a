using System.Data.Common;
using System.Diagnostics.Metrics;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Herald.Storage;

/// <summary>
/// Counts the database round trips made through EF Core (meter <c>Herald.Storage</c>): every
/// command (a query, an update, a raw statement) and every commit, so grouped work shows as fewer
/// round trips per item. PostgreSQL's <c>LISTEN</c> connection is not counted.
/// </summary>
internal sealed class DatabaseRoundTrips : IDbCommandInterceptor, IDbTransactionInterceptor
{
    public const string MeterName = "Herald.Storage";

    private readonly Counter<long> _roundTrips;

    public DatabaseRoundTrips(IMeterFactory meterFactory)
    {
        var meter = meterFactory.Create(MeterName);
        _roundTrips = meter.CreateCounter<long>("herald.db.round_trips", "{round_trip}", "Database commands and commits made through EF Core, by kind (command, commit).");
    }

    public InterceptionResult<DbDataReader> ReaderExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result) => Count(result, "command");

    public ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(
        DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(Count(result, "command"));

    public InterceptionResult<int> NonQueryExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<int> result) => Count(result, "command");

    public ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(
        DbCommand command, CommandEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(Count(result, "command"));

    public InterceptionResult<object> ScalarExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<object> result) => Count(result, "command");

    public ValueTask<InterceptionResult<object>> ScalarExecutingAsync(
        DbCommand command, CommandEventData eventData, InterceptionResult<object> result, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(Count(result, "command"));

    public InterceptionResult TransactionCommitting(DbTransaction transaction, TransactionEventData eventData, InterceptionResult result) => Count(result, "commit");

    public ValueTask<InterceptionResult> TransactionCommittingAsync(
        DbTransaction transaction, TransactionEventData eventData, InterceptionResult result, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(Count(result, "commit"));

    private T Count<T>(T result, string kind)
    {
        _roundTrips.Add(1, new KeyValuePair<string, object?>("kind", kind));
        return result;
    }
}
