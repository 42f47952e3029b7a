using Herald.Storage;
using Npgsql;

namespace Herald.Pushers;

/// <summary>
/// Turns <c>NOTIFY herald_pushers</c> from any process into wake-ups of this process's pool.
/// After (re)connecting it sweeps, so pushers woken while it was not listening are found.
/// </summary>
internal sealed class PostgresPusherListener(HeraldDatabase database, PusherPool pool, TimeProvider time, ILogger<PostgresPusherListener> logger) : BackgroundService
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
                connection.Notification += (_, e) =>
                {
                    if (PusherWakeups.Parse(e.Payload) is { } wake)
                    {
                        pool.Wake(wake);
                    }
                };
                await using (var listen = new NpgsqlCommand($"LISTEN {PusherWakeups.Channel}", connection))
                {
                    await listen.ExecuteNonQueryAsync(stoppingToken);
                }

                delay = TimeSpan.FromMilliseconds(500);
                pool.RequestScan();
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
