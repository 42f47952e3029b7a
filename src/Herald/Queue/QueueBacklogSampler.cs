using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Herald.Queue;

/// <summary>Counts the queue by kind and state every <see cref="QueueOptions.BacklogSampleInterval"/> for the backlog gauge.</summary>
internal sealed class QueueBacklogSampler(
    QueueAdministration administration, QueueMetrics metrics, IOptions<QueueOptions> options, TimeProvider time, ILogger<QueueBacklogSampler> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.BacklogSampleInterval, time);
        do
        {
            try
            {
                metrics.SetBacklog(await administration.CountAsync(stoppingToken));
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                Log.BacklogSampleFailed(logger, ex);
            }
        }
        while (await WaitAsync(timer, stoppingToken));
    }

    private static async Task<bool> WaitAsync(PeriodicTimer timer, CancellationToken cancellationToken)
    {
        try
        {
            return await timer.WaitForNextTickAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }
}
