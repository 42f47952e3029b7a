using System.Collections.Concurrent;
using Herald.Queue;

namespace Herald.Tests.Fixtures;

/// <summary>
/// Handles kind <c>test.record</c>: counts runs per item id, and behaves as its
/// <see cref="Behaviour"/> says (succeed, throw, fail permanently, or wait for a release).
/// </summary>
public sealed class RecordingHandler : IQueueHandler
{
    public const string KindName = "test.record";

    public string Kind => KindName;

    public ConcurrentDictionary<long, int> Runs { get; } = new();

    public ConcurrentQueue<string> Payloads { get; } = new();

    public Func<QueueItem, QueueHandlerResult> Behaviour { get; set; } = _ => QueueHandlerResult.Completed;

    /// <summary>When set, each run waits for it (or cancellation) before applying <see cref="Behaviour"/>.</summary>
    public TaskCompletionSource? Gate { get; set; }

    public int TotalRuns => Runs.Values.Sum();

    public async Task<QueueHandlerResult> HandleAsync(QueueItem item, CancellationToken cancellationToken)
    {
        Runs.AddOrUpdate(item.Id, 1, (_, n) => n + 1);
        Payloads.Enqueue(item.Payload);
        if (Gate is { } gate)
        {
            await gate.Task.WaitAsync(cancellationToken);
        }

        return Behaviour(item);
    }
}
