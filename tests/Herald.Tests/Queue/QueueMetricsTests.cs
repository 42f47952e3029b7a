using System.Diagnostics.Metrics;
using Herald.Queue;
using Herald.Storage;
using Herald.Tests.Fixtures;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;

namespace Herald.Tests.Queue;

public sealed class QueueMetricsTests
{
    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task Outcomes_are_counted_by_kind_and_outcome(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var handler = new RecordingHandler { Behaviour = item => item.Payload == "fail" ? throw new InvalidOperationException("x") : QueueHandlerResult.Completed };
        await using var queue = await QueueHarness.CreateAsync(database, s => s.AddSingleton<IQueueHandler>(handler),
            new Dictionary<string, string?> { [$"Queue:Backoff:{RecordingHandler.KindName}"] = "" });
        using var outcomes = new MetricCollector<long>(queue.Services.GetRequiredService<IMeterFactory>(), QueueMetrics.MeterName, "herald.queue.outcomes");
        await queue.StartAsync();

        await queue.EnqueueAsync(
            new NewQueueItem(RecordingHandler.KindName, "ok"),
            new NewQueueItem(RecordingHandler.KindName, "ok"),
            new NewQueueItem(RecordingHandler.KindName, "fail"));
        await Eventually.TrueAsync(() => Task.FromResult(outcomes.GetMeasurementSnapshot().Count == 3), "three outcomes recorded");

        var byOutcome = outcomes.GetMeasurementSnapshot()
            .GroupBy(m => (string?)m.Tags["outcome"])
            .ToDictionary(g => g.Key!, g => g.Sum(m => m.Value));
        Assert.Equal(2, byOutcome["done"]);
        Assert.Equal(1, byOutcome["dead"]);
        Assert.All(outcomes.GetMeasurementSnapshot(), m => Assert.Equal(RecordingHandler.KindName, m.Tags["kind"]));
    }
}
