using Herald.Queue;
using Herald.Queue.Periodic;
using Herald.Storage;
using Herald.Tests.Fixtures;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Time.Testing;

namespace Herald.Tests.Queue;

public sealed class PeriodicSchedulerTests
{
    private static readonly PeriodicTask Nightly = new("test.nightly", "0 3 * * *", RecordingHandler.KindName, "{\"job\":\"nightly\"}");

    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task Each_slot_is_enqueued_once_with_two_schedulers(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 5, 1, 2, 0, 0, TimeSpan.Zero));
        await using var nodeA = await QueueHarness.CreateAsync(database, s => s.AddPeriodicTask(Nightly), time: clock);
        await using var nodeB = await QueueHarness.CreateAsync(database, s => s.AddPeriodicTask(Nightly), time: clock);
        var a = Scheduler(nodeA);
        var b = Scheduler(nodeB);

        Assert.Equal(0, await a.RunDueAsync(CancellationToken.None) + await b.RunDueAsync(CancellationToken.None));

        clock.Advance(TimeSpan.FromHours(1));
        var taken = await Task.WhenAll(a.RunDueAsync(CancellationToken.None), b.RunDueAsync(CancellationToken.None));
        Assert.Equal(1, taken.Sum());

        // Later calls in the same slot take nothing, even after the first item completed.
        await using (var context = nodeA.Database.CreateContext())
        {
            context.QueueItems.RemoveRange(context.QueueItems);
            await context.SaveChangesAsync();
        }

        clock.Advance(TimeSpan.FromMinutes(30));
        Assert.Equal(0, await a.RunDueAsync(CancellationToken.None) + await b.RunDueAsync(CancellationToken.None));

        // The next night is a new slot.
        clock.Advance(TimeSpan.FromDays(1));
        taken = await Task.WhenAll(b.RunDueAsync(CancellationToken.None), a.RunDueAsync(CancellationToken.None));
        Assert.Equal(1, taken.Sum());
        var item = Assert.Single(await nodeA.ItemsAsync());
        Assert.Equal("{\"job\":\"nightly\"}", item.Payload);
        Assert.Equal($"periodic:test.nightly:{new DateTimeOffset(2026, 5, 2, 3, 0, 0, TimeSpan.Zero).ToUnixTimeMilliseconds()}", item.DedupKey);
    }

    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task A_schedule_turned_off_in_configuration_never_runs(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 5, 1, 2, 0, 0, TimeSpan.Zero));
        await using var node = await QueueHarness.CreateAsync(database, s => s.AddPeriodicTask(Nightly),
            new Dictionary<string, string?> { ["Periodic:Schedules:test.nightly"] = "off" }, clock);

        clock.Advance(TimeSpan.FromDays(2));
        Assert.Equal(0, await Scheduler(node).RunDueAsync(CancellationToken.None));
    }

    private static PeriodicScheduler Scheduler(QueueHarness node) =>
        node.Services.GetServices<IHostedService>().OfType<PeriodicScheduler>().Single();
}
