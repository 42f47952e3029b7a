using Herald.Queue;
using Herald.Storage;
using Herald.Tests.Fixtures;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Herald.Tests.Queue;

public sealed class QueueRetryTests
{
    private static readonly DateTimeOffset Start = new(2026, 1, 5, 9, 0, 0, TimeSpan.Zero);

    private static Dictionary<string, string?> Schedule(string schedule) => new()
    {
        [$"Queue:Backoff:{RecordingHandler.KindName}"] = schedule,
        ["Queue:PollInterval"] = "01:00:00",
    };

    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task Failures_follow_the_configured_schedule_then_the_item_is_kept_as_dead(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var clock = new FakeTimeProvider(Start);
        var handler = new RecordingHandler { Behaviour = _ => throw new InvalidOperationException("provider said 503") };
        await using var queue = await QueueHarness.CreateAsync(database, s => s.AddSingleton<IQueueHandler>(handler), Schedule("10s,2*1m"), clock);
        await queue.StartAsync();
        await queue.EnqueueAsync(new NewQueueItem(RecordingHandler.KindName, "{}", Reference: "notification-42"));

        // Try 1 at Start fails: next at +10 s.
        var item = await WaitForAttemptsAsync(queue, 1);
        Assert.Equal(Start.AddSeconds(10).ToUnixTimeMilliseconds(), item.RunAt);
        Assert.Null(item.LeaseOwner);
        Assert.Equal("provider said 503", item.LastError);

        // Not due yet: a wake-up just before the time does nothing.
        clock.Advance(TimeSpan.FromSeconds(9));
        queue.Signal.Pulse();
        await Task.Delay(200);
        Assert.Equal(1, (await queue.ItemsAsync()).Single().Attempts);

        clock.Advance(TimeSpan.FromSeconds(1));
        queue.Signal.Pulse();
        item = await WaitForAttemptsAsync(queue, 2);
        Assert.Equal(Start.AddSeconds(10 + 60).ToUnixTimeMilliseconds(), item.RunAt);

        clock.Advance(TimeSpan.FromMinutes(1));
        queue.Signal.Pulse();
        item = await WaitForAttemptsAsync(queue, 3);
        Assert.Equal(Start.AddSeconds(10 + 60 + 60).ToUnixTimeMilliseconds(), item.RunAt);

        clock.Advance(TimeSpan.FromMinutes(1));
        queue.Signal.Pulse();
        await Eventually.TrueAsync(async () => (await queue.ItemsAsync()).Single().State == QueueItemState.Dead, "item is dead after its fourth try");

        Assert.Equal(4, handler.TotalRuns);
        var retries = queue.Logs.Lines.Where(l => l.StartsWith("RETRY: ", StringComparison.Ordinal)).ToList();
        Assert.Equal(3, retries.Count);
        Assert.All(retries, l => Assert.Contains("notification-42", l, StringComparison.Ordinal));
        var failed = Assert.Single(queue.Logs.Lines, l => l.StartsWith("RETRY FAILED: ", StringComparison.Ordinal));
        Assert.Contains("notification-42", failed, StringComparison.Ordinal);
        Assert.Contains("provider said 503", failed, StringComparison.Ordinal);

        // Dead items are never claimed again, however much time passes.
        clock.Advance(TimeSpan.FromDays(1));
        queue.Signal.Pulse();
        await Task.Delay(200);
        Assert.Equal(4, handler.TotalRuns);
    }

    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task A_replayed_dead_item_runs_again_with_fresh_tries(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var handler = new RecordingHandler { Behaviour = _ => throw new InvalidOperationException("down") };
        await using var queue = await QueueHarness.CreateAsync(database, s => s.AddSingleton<IQueueHandler>(handler), Schedule(""));
        await queue.StartAsync();
        await queue.EnqueueAsync(new NewQueueItem(RecordingHandler.KindName, "{}"));
        await Eventually.TrueAsync(async () => (await queue.ItemsAsync()).SingleOrDefault()?.State == QueueItemState.Dead, "item is dead after one try");

        handler.Behaviour = _ => QueueHandlerResult.Completed;
        var replayed = await queue.Services.GetRequiredService<QueueAdministration>().ReplayAsync(null, CancellationToken.None);

        Assert.Equal(1, replayed);
        await Eventually.TrueAsync(async () => await queue.CountAsync() == 0, "replayed item completes");
        Assert.Equal(2, handler.TotalRuns);
    }

    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task A_permanent_failure_is_not_retried(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var handler = new RecordingHandler { Behaviour = _ => QueueHandlerResult.PermanentFailure("invalid recipient") };
        await using var queue = await QueueHarness.CreateAsync(database, s => s.AddSingleton<IQueueHandler>(handler), Schedule("0s,0s,0s"));
        await queue.StartAsync();
        await queue.EnqueueAsync(new NewQueueItem(RecordingHandler.KindName, "{}", Reference: "n-7"));

        await Eventually.TrueAsync(async () => await queue.CountAsync() == 0, "item removed");
        Assert.Equal(1, handler.TotalRuns);
        Assert.Contains(queue.Logs.Lines, l => l.Contains("n-7", StringComparison.Ordinal) && l.Contains("invalid recipient", StringComparison.Ordinal));
        Assert.DoesNotContain(queue.Logs.Lines, l => l.StartsWith("RETRY", StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task An_item_of_an_unknown_kind_ends_dead_with_the_reason(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var queue = await QueueHarness.CreateAsync(database, settings: new Dictionary<string, string?> { ["Queue:DefaultBackoff"] = "" });
        await queue.StartAsync();
        await queue.EnqueueAsync(new NewQueueItem("no.such.kind", "{}"));

        await Eventually.TrueAsync(async () => (await queue.ItemsAsync()).Single().State == QueueItemState.Dead, "unknown kind is dead");
        Assert.Contains("no.such.kind", (await queue.ItemsAsync()).Single().LastError, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task An_expected_failure_is_logged_as_its_reason_and_an_unexpected_one_with_its_stack(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var handler = new RecordingHandler
        {
            Behaviour = item => item.Payload switch
            {
                "provider" => throw new ClassifiedFailure("provider answered 503"),
                "network" => throw new HttpRequestException("Connection refused (127.0.0.1:25)"),
                _ => throw new InvalidOperationException("a bug"),
            },
        };
        await using var queue = await QueueHarness.CreateAsync(database, s => s.AddSingleton<IQueueHandler>(handler), Schedule("1h,1h"), new FakeTimeProvider(Start));
        await queue.StartAsync();
        foreach (var payload in new[] { "provider", "network", "bug" })
        {
            await queue.EnqueueAsync(new NewQueueItem(RecordingHandler.KindName, payload, Reference: $"ref-{payload}"));
        }

        await Eventually.TrueAsync(() => Task.FromResult(queue.Logs.Lines.Count(l => l.StartsWith("RETRY: ", StringComparison.Ordinal)) == 3), "three RETRY lines");
        var retries = queue.Logs.WithExceptions.Where(e => e.Line.StartsWith("RETRY: ", StringComparison.Ordinal)).ToList();
        Assert.Null(Assert.Single(retries, e => e.Line.Contains("ref-provider", StringComparison.Ordinal) && e.Line.EndsWith("provider answered 503", StringComparison.Ordinal)).Exception);
        Assert.Null(Assert.Single(retries, e => e.Line.Contains("ref-network", StringComparison.Ordinal) && e.Line.EndsWith("Connection refused (127.0.0.1:25)", StringComparison.Ordinal)).Exception);
        Assert.IsType<InvalidOperationException>(Assert.Single(retries, e => e.Line.Contains("ref-bug", StringComparison.Ordinal)).Exception);
    }

    private sealed class ClassifiedFailure(string message) : ExpectedFailureException(message, null);

    private static async Task<QueueItemRecord> WaitForAttemptsAsync(QueueHarness queue, int attempts)
    {
        QueueItemRecord? item = null;
        await Eventually.TrueAsync(async () =>
        {
            item = (await queue.ItemsAsync()).Single();
            return item.Attempts == attempts && item.LeaseOwner is null;
        }, $"try {attempts} failed and was written");
        return item!;
    }
}
