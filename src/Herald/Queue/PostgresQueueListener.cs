using Herald.Storage;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Herald.Queue;

/// <summary>
/// Turns PostgreSQL <c>NOTIFY herald_queue</c> (sent by every enqueue, delivered at commit, to
/// every process on the database) into local wake-ups, so idle workers sleep instead of polling.
/// </summary>
internal sealed class PostgresQueueListener(HeraldDatabase database, QueueSignal signal, TimeProvider time, ILogger<PostgresQueueListener> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (database.Provider != DatabaseProvider.Postgres)
        {
            return;
        }

        var delay = TimeSpan.FromMilliseconds(500);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var connection = await database.PostgresDataSource.OpenConnectionAsync(stoppingToken);
                connection.Notification += (_, _) => signal.Pulse();
                await using (var listen = new NpgsqlCommand($"LISTEN {PostgresQueueStore.Channel}", connection))
                {
                    await listen.ExecuteNonQueryAsync(stoppingToken);
                }

                // Anything committed while we were not listening is picked up now.
                signal.Pulse();
                delay = TimeSpan.FromMilliseconds(500);
                while (true)
                {
                    await connection.WaitAsync(stoppingToken);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                Log.ListenFailed(logger, ex, delay);
                try
                {
                    await Task.Delay(delay, time, stoppingToken);
                }
                catch (OperationCanceledException)
                {
                    return;
                }

                delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, TimeSpan.FromSeconds(30).Ticks));
            }
        }
    }
}
