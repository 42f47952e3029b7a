using Herald.Storage;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Herald.Queue;

/// <summary>
/// Turns PostgreSQL <c>NOTIFY herald_queue</c> (sent by every enqueue, delivered at commit, to
/// every process on the database) into local wake-ups, so idle workers sleep instead of polling.
/// </summary>
internal sealed class PostgresQueueListener(HeraldDatabase database, QueueSignal signal, TimeProvider time, ILogger<PostgresQueueListener> logger) : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        database.Provider != DatabaseProvider.Postgres
            ? Task.CompletedTask
            : PostgresListenLoop.RunAsync(database, PostgresQueueStore.Channel,
                onNotification: _ => signal.Pulse(),
                // Anything committed while nobody listened is picked up now.
                onListening: signal.Pulse,
                onFailure: (ex, delay) => Log.ListenFailed(logger, ex, delay),
                time, stoppingToken);
}
