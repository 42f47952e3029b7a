using Herald.Queue;
using Herald.Storage;
using Herald.Tests.Fixtures;
using Microsoft.Extensions.DependencyInjection;

namespace Herald.Tests.Queue;

public sealed class QueueBasicsTests
{
    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task Enqueued_items_are_run_once_and_removed(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var handler = new RecordingHandler();
        await using var queue = await QueueHarness.CreateAsync(database, s => s.AddSingleton<IQueueHandler>(handler));
        await queue.StartAsync();

        await queue.EnqueueAsync(
            new NewQueueItem(RecordingHandler.KindName, "{\"n\":1}"),
            new NewQueueItem(RecordingHandler.KindName, "{\"n\":2}"),
            new NewQueueItem(RecordingHandler.KindName, "{\"n\":3}"));

        await Eventually.TrueAsync(async () => handler.TotalRuns == 3 && await queue.CountAsync() == 0, "three items run and completed");
        Assert.All(handler.Runs.Values, runs => Assert.Equal(1, runs));
        Assert.Equal(["{\"n\":1}", "{\"n\":2}", "{\"n\":3}"], handler.Payloads.Order());
    }

    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task Enqueue_rolled_back_with_its_transaction_leaves_nothing(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var queue = await QueueHarness.CreateAsync(database);

        await using (var context = queue.Database.CreateContext())
        {
            await using var transaction = await context.Database.BeginTransactionAsync();
            await queue.Writer.EnqueueAsync(context, new NewQueueItem(RecordingHandler.KindName, "rolled back"), CancellationToken.None);
            await transaction.RollbackAsync();
        }

        Assert.Equal(0, await queue.CountAsync());

        await using (var context = queue.Database.CreateContext())
        {
            await using var transaction = await context.Database.BeginTransactionAsync();
            await queue.Writer.EnqueueAsync(context, new NewQueueItem(RecordingHandler.KindName, "committed"), CancellationToken.None);
            await transaction.CommitAsync();
        }

        var item = Assert.Single(await queue.ItemsAsync());
        Assert.Equal("committed", item.Payload);
    }

    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task Enqueue_inside_a_transaction_wakes_the_worker_only_after_commit(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var handler = new RecordingHandler();
        // A poll so slow that only a wake-up can start the item within the test's time.
        await using var queue = await QueueHarness.CreateAsync(database, s => s.AddSingleton<IQueueHandler>(handler),
            new Dictionary<string, string?> { ["Queue:PollInterval"] = "01:00:00" });
        await queue.StartAsync();

        await using (var context = queue.Database.CreateContext())
        {
            await using var transaction = await context.Database.BeginTransactionAsync();
            await queue.Writer.EnqueueAsync(context, new NewQueueItem(RecordingHandler.KindName, "x"), CancellationToken.None);
            await transaction.CommitAsync();
        }

        await Eventually.TrueAsync(() => Task.FromResult(handler.TotalRuns == 1), "the committed item woke the worker", TimeSpan.FromSeconds(10));
    }

    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task A_dedup_key_admits_one_pending_item(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var queue = await QueueHarness.CreateAsync(database);

        var first = await queue.EnqueueAsync(new NewQueueItem(RecordingHandler.KindName, "a", DedupKey: "k1"));
        var second = await queue.EnqueueAsync(new NewQueueItem(RecordingHandler.KindName, "b", DedupKey: "k1"));
        var other = await queue.EnqueueAsync(new NewQueueItem(RecordingHandler.KindName, "c", DedupKey: "k2"));

        Assert.Equal((1, 0, 1), (first, second, other));
        Assert.Equal(["a", "c"], (await queue.ItemsAsync()).Select(i => i.Payload));
    }

    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task Higher_priority_items_are_claimed_first(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var queue = await QueueHarness.CreateAsync(database);
        await queue.EnqueueAsync(
            new NewQueueItem(RecordingHandler.KindName, "low"),
            new NewQueueItem(RecordingHandler.KindName, "high", Priority: 5),
            new NewQueueItem(RecordingHandler.KindName, "low-2"));

        var store = queue.Services.GetRequiredService<IQueueStore>();
        var now = DateTimeOffset.UnixEpoch.AddYears(100).ToUnixTimeMilliseconds();
        var claimed = await store.ClaimAsync("test", 2, now, now + 60_000, CancellationToken.None);

        Assert.Equal(["high", "low"], claimed.Select(i => i.Payload));
    }
}
