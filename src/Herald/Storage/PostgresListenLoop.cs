using Npgsql;

namespace Herald.Storage;

/// <summary>
/// Keeps one connection listening on a PostgreSQL <c>NOTIFY</c> channel until stopped: every
/// notification goes to <c>onNotification</c>; after each (re)connection <c>onListening</c> runs, so
/// the caller can pick up what was committed while nobody listened. A lost connection is reported
/// to <c>onFailure</c> and opened again after a delay that doubles from 0.5 s up to 30 s.
/// </summary>
internal static class PostgresListenLoop
{
    public static async Task RunAsync(
        HeraldDatabase database,
        string channel,
        Action<string> onNotification,
        Action onListening,
        Action<Exception, TimeSpan> onFailure,
        TimeProvider time,
        CancellationToken stoppingToken)
    {
        var delay = TimeSpan.FromMilliseconds(500);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var connection = await database.PostgresDataSource.OpenConnectionAsync(stoppingToken);
                connection.Notification += (_, e) => onNotification(e.Payload);
                await using (var listen = new NpgsqlCommand($"LISTEN {channel}", connection))
                {
                    await listen.ExecuteNonQueryAsync(stoppingToken);
                }

                delay = TimeSpan.FromMilliseconds(500);
                onListening();
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
                onFailure(ex, delay);
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
