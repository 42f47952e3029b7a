using System.Collections.Concurrent;
using Herald.Queue;
using Herald.Storage;
using Herald.Tests.Fixtures;
using Microsoft.Extensions.DependencyInjection;

namespace Herald.Tests.Queue;

public sealed class QueueBatchPreparerTests
{
    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task A_claimed_batch_is_prepared_once_before_any_of_its_items_runs(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var handler = new PreparingHandler();
        await using var queue = await QueueHarness.CreateAsync(database, s => s.AddSingleton<IQueueHandler>(handler));
        await queue.EnqueueAsync([.. Enumerable.Range(1, 20).Select(i => new NewQueueItem(PreparingHandler.KindName, $"item-{i}"))]);
        await queue.StartAsync();

        await Eventually.TrueAsync(async () => await queue.CountAsync() == 0, "every item completed");

        // The 20 items were due together: one claim, one preparation naming all of them, and no
        // item ran before its batch was prepared.
        var prepared = Assert.Single(handler.Prepared);
        Assert.Equal(Enumerable.Range(1, 20).Select(i => $"item-{i}").Order(), prepared.Order());
        Assert.Equal(20, handler.Ran.Count);
        Assert.All(handler.Ran, r => Assert.True(r.Prepared, $"{r.Payload} ran before its batch was prepared"));
    }

    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task A_failed_preparation_is_logged_and_the_items_still_run(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var handler = new PreparingHandler { FailPreparation = true };
        await using var queue = await QueueHarness.CreateAsync(database, s => s.AddSingleton<IQueueHandler>(handler));
        await queue.EnqueueAsync(new NewQueueItem(PreparingHandler.KindName, "item-1"), new NewQueueItem(PreparingHandler.KindName, "item-2"));
        await queue.StartAsync();

        await Eventually.TrueAsync(async () => await queue.CountAsync() == 0, "both items completed");

        Assert.Equal(2, handler.Ran.Count);
        var warning = Assert.Single(queue.Logs.Lines, l => l.StartsWith("Preparing 2 claimed", StringComparison.Ordinal));
        Assert.Contains(PreparingHandler.KindName, warning, StringComparison.Ordinal);
    }

    private sealed class PreparingHandler : IQueueHandler, IQueueBatchPreparer
    {
        public const string KindName = "test.prepared";

        private readonly ConcurrentDictionary<string, bool> _ready = new(StringComparer.Ordinal);

        public bool FailPreparation { get; init; }

        public ConcurrentQueue<List<string>> Prepared { get; } = new();

        public ConcurrentQueue<(string Payload, bool Prepared)> Ran { get; } = new();

        public string Kind => KindName;

        public Task PrepareAsync(IReadOnlyList<QueueItem> items, CancellationToken cancellationToken)
        {
            if (FailPreparation)
            {
                throw new InvalidOperationException("database unavailable");
            }

            Prepared.Enqueue([.. items.Select(i => i.Payload)]);
            foreach (var item in items)
            {
                _ready[item.Payload] = true;
            }

            return Task.CompletedTask;
        }

        public Task<QueueHandlerResult> HandleAsync(QueueItem item, CancellationToken cancellationToken)
        {
            Ran.Enqueue((item.Payload, _ready.ContainsKey(item.Payload)));
            return Task.FromResult(QueueHandlerResult.Completed);
        }
    }
}
