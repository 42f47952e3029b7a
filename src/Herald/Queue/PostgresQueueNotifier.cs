using Herald.Storage;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Herald.Queue;

/// <summary>
/// Tells every process on the database that new queue items were committed, with
/// <c>NOTIFY herald_queue</c> sent after the commit on a connection of its own. Requests that
/// arrive while a NOTIFY is on its way are folded into one more, so a busy API sends a few
/// notifications a millisecond at most, not one per request, and its commits never wait on
/// PostgreSQL's notification lock.
/// </summary>
internal sealed class PostgresQueueNotifier(HeraldDatabase database, QueueSignal signal, ILogger<PostgresQueueNotifier> logger) : BackgroundService
{
    private readonly SemaphoreSlim _requested = new(0, 1);
    private int _pending;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (database.Provider != DatabaseProvider.Postgres)
        {
            return;
        }

        signal.WorkCommitted += Request;
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                await _requested.WaitAsync(stoppingToken);
                while (Interlocked.Exchange(ref _pending, 0) == 1)
                {
                    await NotifyAsync(stoppingToken);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        finally
        {
            signal.WorkCommitted -= Request;
            if (Interlocked.Exchange(ref _pending, 0) == 1)
            {
                // Work committed during shutdown still reaches the other processes.
                await NotifyAsync(CancellationToken.None);
            }
        }
    }

    private void Request()
    {
        if (Interlocked.Exchange(ref _pending, 1) == 0 && _requested.CurrentCount == 0)
        {
            try
            {
                _requested.Release();
            }
            catch (SemaphoreFullException)
            {
                // Already signalled.
            }
        }
    }

    private async Task NotifyAsync(CancellationToken cancellationToken)
    {
        try
        {
            await using var connection = await database.PostgresCounterDataSource.OpenConnectionAsync(cancellationToken);
            await using var command = new NpgsqlCommand($"SELECT pg_notify('{PostgresQueueStore.Channel}', '')", connection);
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // Other processes still find the work at their next poll.
            Log.NotifyFailed(logger, ex);
        }
    }
}
