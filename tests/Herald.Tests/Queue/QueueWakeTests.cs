using Herald.Queue;
using Herald.Storage;
using Herald.Tests.Fixtures;
using Microsoft.Extensions.DependencyInjection;
using Herald.Settings;

namespace Herald.Tests.Queue;

public sealed class QueueWakeTests
{
    [Fact]
    public async Task Work_committed_by_an_api_node_wakes_a_worker_node_on_postgres()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Postgres);
        var handler = new RecordingHandler();
        var noPolling = new Dictionary<string, string?> { ["Queue:PollInterval"] = "01:00:00" };
        await using var worker = await QueueHarness.CreateAsync(database, s => s.AddSingleton<IQueueHandler>(handler), noPolling);
        await using var api = await QueueHarness.CreateAsync(database, settings: noPolling, role: HeraldRole.Api);
        await worker.StartAsync();
        await api.StartAsync();
        // The worker's listener has connected once it has run its catch-up claim.
        await Eventually.TrueAsync(() => Task.FromResult(worker.Logs.Lines.Any(l => l.Contains("started", StringComparison.Ordinal))), "worker started");

        for (var i = 0; i < 3; i++)
        {
            await using var context = api.Database.CreateContext();
            await using var transaction = await context.Database.BeginTransactionAsync();
            await api.Writer.EnqueueAsync(context, new NewQueueItem(RecordingHandler.KindName, i.ToString(System.Globalization.CultureInfo.InvariantCulture)), CancellationToken.None);
            await transaction.CommitAsync();
            var expected = i + 1;
            await Eventually.TrueAsync(() => Task.FromResult(handler.TotalRuns == expected), $"item {i} woke the other node", TimeSpan.FromSeconds(10));
        }
    }
}
