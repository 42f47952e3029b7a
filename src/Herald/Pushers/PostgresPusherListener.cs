using Herald.Storage;

namespace Herald.Pushers;

/// <summary>
/// Turns <c>NOTIFY herald_pushers</c> from any process into wake-ups of this process's pool.
/// After (re)connecting it sweeps, so pushers woken while it was not listening are found.
/// </summary>
internal sealed class PostgresPusherListener(HeraldDatabase database, PusherPool pool, TimeProvider time, ILogger<PostgresPusherListener> logger) : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        database.Provider != DatabaseProvider.Postgres
            ? Task.CompletedTask
            : PostgresListenLoop.RunAsync(database, PusherWakeups.Channel,
                onNotification: payload =>
                {
                    if (PusherWakeups.Parse(payload) is { } wake)
                    {
                        pool.Wake(wake);
                    }
                },
                onListening: pool.RequestScan,
                onFailure: (ex, delay) => Log.ListenFailed(logger, ex, delay),
                time, stoppingToken);
}
