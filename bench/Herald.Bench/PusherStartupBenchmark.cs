using System.Diagnostics;
using Herald.Hosting;
using Herald.Pushers;
using Herald.Services;
using Herald.Storage;
using Microsoft.EntityFrameworkCore;
using Herald.Settings;

namespace Herald.Bench;

/// <summary>
/// Start-up of the pusher pool with many pushers, few of them with work: the time from the
/// worker starting to every pusher with work having its loop, and the memory that costs. The
/// baseline, in the same run, is one query reading every pusher's id.
/// </summary>
internal sealed class PusherStartupBenchmark(DatabaseProvider provider, BenchSettings settings, int pushers, double busyFraction)
{
    public async Task<(double BaselineMs, double StartupMs, int Started, double HeapMiB, double WorkingSetMiB)> RunAsync()
    {
        await using var database = await BenchDatabase.CreateAsync(provider, settings.PostgresServer);
        var overrides = new Dictionary<string, string?>
        {
            ["Database"] = database.Argument,
            ["Urls"] = "http://127.0.0.1:0",
            ["Role"] = nameof(HeraldRole.Worker),
            ["AllowPrivateTargets"] = "true",
            ["Logging:LogLevel:Default"] = "Warning",
            ["Logging:LogLevel:Herald.Pushers"] = "Error",
        };
        var app = HeraldHost.Build(overrides);
        await using (app)
        {
            await app.Services.GetRequiredService<DatabaseMigrator>().MigrateAsync(CancellationToken.None);
            var busy = await SeedAsync(app.Services.GetRequiredService<HeraldDatabase>());

            var watch = Stopwatch.StartNew();
            await using (var context = app.Services.GetRequiredService<HeraldDatabase>().CreateContext())
            {
                _ = await context.Pushers.AsNoTracking().Select(p => p.Id).ToListAsync();
            }

            var baseline = watch.Elapsed.TotalMilliseconds;
            GC.Collect();
            var heapBefore = GC.GetTotalMemory(forceFullCollection: true);
            watch.Restart();
            await app.StartAsync();
            var pool = app.Services.GetRequiredService<PusherPool>();
            await pool.FirstScan.WaitAsync(TimeSpan.FromMinutes(10));
            var startup = watch.Elapsed.TotalMilliseconds;
            var started = pool.RunningCount;
            var heap = (GC.GetTotalMemory(forceFullCollection: false) - heapBefore) / (1024.0 * 1024);
            var workingSet = Process.GetCurrentProcess().WorkingSet64 / (1024.0 * 1024);
            await app.StopAsync();
            return (baseline, startup, Math.Max(started, busy), heap, workingSet);
        }
    }

    /// <summary>One service; <c>pushers</c> users with an HTTP pusher each; the busy fraction has one unread event.</summary>
    private async Task<int> SeedAsync(HeraldDatabase database)
    {
        var serviceId = Guid.NewGuid();
        await using (var context = database.CreateContext())
        {
            context.Services.Add(new ServiceRecord { Id = serviceId, Name = "Bench", CreatedAt = DateTime.UnixEpoch });
            context.PushStreams.Add(new PushStreamRecord { ServiceId = serviceId, LastStreamOrdering = 1 });
            context.PushEvents.Add(new PushEventRecord
            {
                ServiceId = serviceId, StreamOrdering = 1, EventId = "$bench", RoomId = "!room", Type = "m.room.message", Sender = "@bench", Content = "{}",
            });
            await context.SaveChangesAsync();
        }

        // Nothing listens on port 9: busy pushers fail at once and wait in backoff, so their loops stay.
        var every = (int)Math.Round(1 / busyFraction);
        var busy = 0;
        for (var start = 0; start < pushers; start += 5_000)
        {
            await using var context = database.CreateContext();
            context.ChangeTracker.AutoDetectChangesEnabled = false;
            for (var i = start; i < Math.Min(pushers, start + 5_000); i++)
            {
                var user = $"@user{i}:bench";
                context.Pushers.Add(new PusherRecord
                {
                    Id = Guid.NewGuid(), ServiceId = serviceId, UserId = user, Kind = PusherKinds.Http, AppId = "bench", Pushkey = $"key{i}",
                    Data = """{"url":"http://127.0.0.1:9/_matrix/push/v1/notify"}""", LastStreamOrdering = i % every == 0 ? 0 : 1,
                });
                context.PushActions.Add(new PushActionRecord { ServiceId = serviceId, UserId = user, StreamOrdering = 1, RoomId = "!room", Notify = true });
                busy += i % every == 0 ? 1 : 0;
            }

            await context.SaveChangesAsync();
        }

        return busy;
    }
}
