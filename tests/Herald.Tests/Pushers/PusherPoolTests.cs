using Herald.Pushers;
using Herald.Storage;
using Herald.Tests.Fixtures;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Herald.Settings;

namespace Herald.Tests.Pushers;

public sealed class PusherPoolTests
{
    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task Start_up_starts_only_the_pushers_that_may_have_work(DatabaseProvider provider)
    {
        // An API-only process records pushers and events; no pool runs yet.
        await using var push = await PushHarness.StartAsync(provider, HeraldRole.Api);
        push.Gateway.FailWith = 500;
        await push.RegisterHttpPusherAsync("@busy:example.org", "busy-key");
        await push.RegisterHttpPusherAsync("@idle:example.org", "idle-key");
        await push.RegisterHttpPusherAsync("@read:example.org", "read-key");
        await push.PostEventAsync("$for-busy", "!a:example.org", "@busy:example.org");

        await using var worker = await HeraldApp.StartAsync(push.Database, push.Clock, HeraldRole.Worker, new Dictionary<string, string?> { ["AllowPrivateTargets"] = "true" });
        var pool = worker.Services.GetRequiredService<PusherPool>();
        await pool.FirstScan.WaitAsync(TimeSpan.FromSeconds(30));
        await Eventually.TrueAsync(() => Task.FromResult(push.Gateway.Attempts.Count >= 1), "the busy pusher tried");

        // The gateway is down, so the busy pusher's loop stays (in backoff): it is the only one.
        Assert.True(pool.IsRunning(await PusherIdAsync(push, "busy-key")));
        Assert.False(pool.IsRunning(await PusherIdAsync(push, "idle-key")));
        Assert.Equal(1, pool.RunningCount);
    }

    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task A_failing_pusher_is_logged_with_its_id_and_run_again(DatabaseProvider provider)
    {
        var logs = new CapturedLogs();
        var processor = new FailingOnceProcessor();
        await using var push = await PushHarness.StartAsync(provider, services: s =>
        {
            s.AddSingleton<ILoggerProvider>(logs);
            s.AddSingleton<IPusherProcessor>(processor);
        });
        var response = await push.Herald.PostAsync(push.Service.Key, "/v2/push/users/@bob:example.org/pushers", new
        {
            kind = "email", app_id = "m.email", pushkey = "bob@example.org", data = new { },
        });
        await HeraldApp.ExpectAsync(response, 201);
        var id = await PusherIdAsync(push, "bob@example.org");

        await push.PostEventAsync("$e1", "!a:example.org", "@bob:example.org");
        await Eventually.TrueAsync(() => Task.FromResult(processor.Runs >= 1), "the first run");
        await push.AdvanceUntilAsync(TimeSpan.FromSeconds(1), () => processor.Runs >= 2, "run again after the failure");

        Assert.Contains(logs.Lines, l => l == $"Pusher {id} failed; trying again in 00:00:01");
        Assert.Equal(id, processor.LastPusherId);
    }

    private static async Task<Guid> PusherIdAsync(PushHarness push, string pushkey)
    {
        await using var context = push.Herald.Services.GetRequiredService<HeraldDatabase>().CreateContext();
        return await context.Pushers.Where(p => p.Pushkey == pushkey).Select(p => p.Id).SingleAsync();
    }

    private sealed class FailingOnceProcessor : IPusherProcessor
    {
        private int _runs;

        public string Kind => PusherKinds.Email;

        public int Runs => Volatile.Read(ref _runs);

        public Guid LastPusherId { get; private set; }

        public Task<PusherStep> RunAsync(PusherRun run, CancellationToken cancellationToken)
        {
            LastPusherId = run.PusherId;
            return Interlocked.Increment(ref _runs) == 1
                ? throw new InvalidOperationException("the template directory vanished")
                : Task.FromResult(PusherStep.Idle);
        }
    }

    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task A_pusher_whose_wake_up_was_lost_is_started_by_the_periodic_rescan(DatabaseProvider provider)
    {
        await using var push = await PushHarness.StartAsync(provider);
        await push.RegisterHttpPusherAsync("@lost:example.org", "lost-key");

        // An event written without the wake-up that the push API sends after its commit.
        await using (var context = push.Herald.Services.GetRequiredService<HeraldDatabase>().CreateContext())
        {
            var next = (await context.PushStreams.Where(s => s.ServiceId == push.Service.Id).Select(s => (long?)s.LastStreamOrdering).FirstOrDefaultAsync() ?? 0) + 1;
            context.PushEvents.Add(new PushEventRecord
            {
                ServiceId = push.Service.Id, StreamOrdering = next, EventId = "$lost", RoomId = "!a:example.org", Type = "m.room.message",
                Sender = "@alice:example.org", Content = "{\"body\":\"hello\"}", ReceivedTs = push.Clock.GetUtcNow().ToUnixTimeMilliseconds(),
            });
            context.PushActions.Add(new PushActionRecord { ServiceId = push.Service.Id, UserId = "@lost:example.org", StreamOrdering = next, RoomId = "!a:example.org", Notify = true });
            await context.SaveChangesAsync();
        }

        await push.AdvanceUntilAsync(TimeSpan.FromSeconds(30), () => push.Gateway.DeliveredEventIds.Contains("$lost"), "the rescan starts the pusher");
        Assert.True(push.Clock.GetUtcNow() - new DateTimeOffset(2026, 7, 10, 12, 0, 0, TimeSpan.Zero) >= TimeSpan.FromMinutes(5));
    }
}
