using System.Diagnostics;
using Herald.Queue;

namespace Herald.Bench;

/// <summary>Kind <c>bench.noop</c>: does nothing but count, and note how long after enqueue it started.</summary>
internal sealed class NoOpHandler : IQueueHandler
{
    public const string KindName = "bench.noop";

    private long _runs;

    public string Kind => KindName;

    public long Runs => Interlocked.Read(ref _runs);

    /// <summary>Latency samples (ms) when the payload carries a Stopwatch timestamp; null when not measuring.</summary>
    public List<double>? Latencies { get; set; }

    public Task<QueueHandlerResult> HandleAsync(QueueItem item, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _runs);
        if (Latencies is { } latencies && long.TryParse(item.Payload, out var enqueuedAt))
        {
            var ms = Stopwatch.GetElapsedTime(enqueuedAt).TotalMilliseconds;
            lock (latencies)
            {
                latencies.Add(ms);
            }
        }

        return Task.FromResult(QueueHandlerResult.Completed);
    }
}
