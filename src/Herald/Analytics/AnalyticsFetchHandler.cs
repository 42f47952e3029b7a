using System.Globalization;
using Herald.Queue;
using Herald.Queue.Periodic;
using Microsoft.Extensions.Options;

namespace Herald.Analytics;

/// <summary>
/// The periodic task that runs the fetch loops (queue kind <c>analytics.fetch</c>, one item per
/// slot across the cluster). Cycles follow at once while a loop stops at its cap, for up to one
/// interval, so that a backlog is read without waiting for the next slot.
/// </summary>
public sealed class AnalyticsFetchHandler(AnalyticsLoops loops, IOptions<AnalyticsOptions> options, TimeProvider time) : IQueueHandler
{
    public const string KindName = "analytics.fetch";

    private const int MaxCyclesPerRun = 100;

    public string Kind => KindName;

    /// <summary>The task for an interval: every N seconds below a minute, else every N minutes.</summary>
    public static PeriodicTask Schedule(TimeSpan interval) => new("analytics.fetch",
        interval < TimeSpan.FromMinutes(1)
            ? $"*/{Math.Max(1, (int)interval.TotalSeconds).ToString(CultureInfo.InvariantCulture)} * * * * *"
            : $"*/{Math.Max(1, (int)interval.TotalMinutes).ToString(CultureInfo.InvariantCulture)} * * * *",
        KindName);

    public async Task<QueueHandlerResult> HandleAsync(QueueItem item, CancellationToken cancellationToken)
    {
        if (!options.Value.Enabled)
        {
            return QueueHandlerResult.Completed;
        }

        var until = time.GetUtcNow() + options.Value.Interval;
        for (var cycle = 0; cycle < MaxCyclesPerRun; cycle++)
        {
            var runs = await loops.RunCycleAsync(cancellationToken);
            if (!runs.Any(r => r.HitCap) || time.GetUtcNow() >= until)
            {
                break;
            }
        }

        return QueueHandlerResult.Completed;
    }
}
