using Herald.Queue;
using Herald.Storage;
using Herald.Tests.Fixtures;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Herald.Tests.Queue;

public sealed class QueueLeaseTests
{
    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task An_expired_lease_makes_the_item_claimable_by_another_worker(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 3, 1, 12, 0, 0, TimeSpan.Zero));
        await using var queue = await QueueHarness.CreateAsync(database, time: clock);
        await queue.EnqueueAsync(new NewQueueItem(RecordingHandler.KindName, "{}"));
        var store = queue.Services.GetRequiredService<IQueueStore>();
        long Now() => clock.GetUtcNow().ToUnixTimeMilliseconds();

        var first = await store.ClaimAsync("worker-a", 10, Now(), Now() + 60_000, CancellationToken.None);
        Assert.Single(first);

        // Worker A "dies" holding the lease: B finds nothing until the lease runs out.
        clock.Advance(TimeSpan.FromSeconds(59));
        Assert.Empty(await store.ClaimAsync("worker-b", 10, Now(), Now() + 60_000, CancellationToken.None));

        clock.Advance(TimeSpan.FromSeconds(2));
        var second = await store.ClaimAsync("worker-b", 10, Now(), Now() + 60_000, CancellationToken.None);
        var item = Assert.Single(second);
        Assert.Equal(first[0].Id, item.Id);
        Assert.Equal(2, item.Attempts);
        Assert.Equal("worker-b", (await queue.ItemsAsync()).Single().LeaseOwner);

        // A's late failure report does not disturb B's lease; B's completion removes the item.
        await store.CompleteAsync("worker-a", [new QueueOutcome(item.Id, QueueOutcomeKind.Retry, Now() + 1_000, "late")], Now(), CancellationToken.None);
        Assert.Equal("worker-b", (await queue.ItemsAsync()).Single().LeaseOwner);
        await store.CompleteAsync("worker-b", [new QueueOutcome(item.Id, QueueOutcomeKind.Done)], Now(), CancellationToken.None);
        Assert.Equal(0, await queue.CountAsync());
    }

    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task A_live_worker_renews_its_leases_so_an_item_waiting_longer_than_a_lease_runs_once(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 3, 1, 12, 0, 0, TimeSpan.Zero));
        var handler = new RecordingHandler { Gate = new TaskCompletionSource() };
        var settings = new Dictionary<string, string?> { ["Queue:HandlerConcurrency"] = "1", ["Queue:LeaseDuration"] = "00:00:30" };
        await using var queue = await QueueHarness.CreateAsync(database, s => s.AddSingleton<IQueueHandler>(handler), settings, clock);
        await queue.StartAsync();
        await queue.EnqueueAsync(new NewQueueItem(RecordingHandler.KindName, "a"), new NewQueueItem(RecordingHandler.KindName, "b"));
        await Eventually.TrueAsync(async () => handler.TotalRuns == 1 && (await queue.ItemsAsync()).All(i => i.LeaseOwner is not null),
            "one item running, the other claimed and waiting for the handler");

        // Two whole leases pass while one item runs and the other waits: every 10 s the worker
        // moves both leases on, so neither becomes claimable again.
        for (var step = 1; step <= 6; step++)
        {
            clock.Advance(TimeSpan.FromSeconds(10));
            var leaseUntil = (clock.GetUtcNow() + TimeSpan.FromSeconds(30)).ToUnixTimeMilliseconds();
            await Eventually.TrueAsync(async () => (await queue.ItemsAsync()).All(i => i.RunAt == leaseUntil), $"leases renewed after {10 * step} s");
            queue.Signal.Pulse();
        }

        handler.Gate.SetResult();
        await Eventually.TrueAsync(async () => await queue.CountAsync() == 0, "both items completed");
        Assert.Equal(2, handler.Runs.Count);
        Assert.All(handler.Runs.Values, runs => Assert.Equal(1, runs));
    }

    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task Concurrent_workers_run_every_item_exactly_once(DatabaseProvider provider)
    {
        const int items = 3_000;
        await using var database = await TestDatabase.CreateAsync(provider);
        var handler = new RecordingHandler();
        var settings = new Dictionary<string, string?> { ["Queue:BatchSize"] = "50", ["Queue:MaxInFlight"] = "200", ["Queue:HandlerConcurrency"] = "8" };
        var workers = new List<QueueHarness>();
        try
        {
            for (var i = 0; i < 4; i++)
            {
                workers.Add(await QueueHarness.CreateAsync(database, s => s.AddSingleton<IQueueHandler>(handler), settings));
            }

            await Task.WhenAll(workers.Select(w => w.StartAsync()));
            var batch = Enumerable.Range(0, items).Select(i => new NewQueueItem(RecordingHandler.KindName, i.ToString(System.Globalization.CultureInfo.InvariantCulture))).ToList();
            await Task.WhenAll(batch.Chunk(500).Select((chunk, i) => workers[i % workers.Count].Writer.EnqueueAsync(chunk, CancellationToken.None)));

            await Eventually.TrueAsync(async () => await workers[0].CountAsync() == 0, "all items completed", TimeSpan.FromSeconds(60));
            Assert.Equal(items, handler.Runs.Count);
            Assert.All(handler.Runs, run => Assert.Equal(1, run.Value));
        }
        finally
        {
            foreach (var worker in workers)
            {
                await worker.DisposeAsync();
            }
        }
    }

    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task Graceful_shutdown_releases_items_that_did_not_finish(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var handler = new RecordingHandler { Gate = new TaskCompletionSource() };
        var settings = new Dictionary<string, string?> { ["Queue:HandlerConcurrency"] = "2", ["Queue:ShutdownGrace"] = "00:00:00.200" };
        var queue = await QueueHarness.CreateAsync(database, s => s.AddSingleton<IQueueHandler>(handler), settings);
        await queue.StartAsync();
        await queue.EnqueueAsync([.. Enumerable.Range(0, 5).Select(_ => new NewQueueItem(RecordingHandler.KindName, "{}"))]);
        await Eventually.TrueAsync(() => Task.FromResult(handler.TotalRuns == 2), "two handlers running, three waiting");

        await queue.DisposeAsync();

        await using var after = await QueueHarness.CreateAsync(database);
        var items = await after.ItemsAsync();
        Assert.Equal(5, items.Count);
        Assert.All(items, i =>
        {
            Assert.Null(i.LeaseOwner);
            Assert.Equal(0, i.Attempts);
            Assert.Equal(QueueItemState.Pending, i.State);
        });
        Assert.Contains(queue.Logs.Lines, l => l.Contains("5 claimed items released", StringComparison.Ordinal));
    }
}
