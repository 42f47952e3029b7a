using Herald.Storage;
using Microsoft.EntityFrameworkCore;

namespace Herald.Pushers;

/// <summary>
/// PostgreSQL: analyses the push tables once the actions written since their last analysis
/// outnumber the rows they had then. A fan-out multiplies push_actions within seconds, long
/// before autovacuum looks again, and the pushers' grouped reads planned on the old statistics
/// took 250-660 ms a group instead of milliseconds (docs/performance.md). The analysis runs in
/// the background, one at a time, never in the request that wrote the event; it invalidates
/// the cached plans that read those tables.
/// </summary>
public sealed class PushTableStatistics(HeraldDatabase database, ILogger<PushTableStatistics> logger)
{
    private const long MinimumGrowth = 1_000;

    private long _written;
    private long _rowsAtLastAnalysis;
    private int _running;

    /// <summary>After a commit: <paramref name="actions"/> push actions were written.</summary>
    public void Written(int actions)
    {
        if (database.Provider != DatabaseProvider.Postgres || actions == 0)
        {
            return;
        }

        var written = Interlocked.Add(ref _written, actions);
        if (written < Math.Max(MinimumGrowth, Interlocked.Read(ref _rowsAtLastAnalysis)) || Interlocked.CompareExchange(ref _running, 1, 0) != 0)
        {
            return;
        }

        Interlocked.Exchange(ref _written, 0);
        using (ExecutionContext.SuppressFlow())
        {
            _ = Task.Run(AnalyzeAsync, CancellationToken.None);
        }
    }

    private async Task AnalyzeAsync()
    {
        try
        {
            await using var context = database.CreateContext();
            await context.Database.ExecuteSqlRawAsync("ANALYZE push_actions, push_events, pushers", CancellationToken.None);
            var rows = await context.Database.SqlQueryRaw<long>("SELECT GREATEST(reltuples, 0)::bigint AS \"Value\" FROM pg_class WHERE relname = 'push_actions'").SingleAsync(CancellationToken.None);
            Interlocked.Exchange(ref _rowsAtLastAnalysis, rows);
        }
        catch (Exception ex)
        {
            // Autovacuum analyses the tables in time anyway.
            Log.AnalyzeFailed(logger, ex);
        }
        finally
        {
            Volatile.Write(ref _running, 0);
        }
    }
}
