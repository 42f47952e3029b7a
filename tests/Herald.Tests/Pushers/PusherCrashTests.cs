using System.Diagnostics;
using System.Globalization;
using System.Text;
using Herald.Storage;
using Herald.Tests.Delivery;
using Herald.Tests.Fixtures;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;
using Herald.Settings;
using Herald.Pushers;

namespace Herald.Tests.Pushers;

/// <summary>
/// PostgreSQL, several worker processes: the worker running a pusher is killed with SIGKILL
/// mid-stream; another takes the lapsed lease over and the gateway sees every event, in order.
/// </summary>
[Collection(nameof(DeliveryRestartTests))]
public sealed class PusherCrashTests(ITestOutputHelper output)
{
    private const int Events = 200;

    [Fact]
    public async Task Killing_the_worker_running_a_pusher_mid_stream_loses_no_event_and_keeps_the_order()
    {
        if (Environment.GetEnvironmentVariable("HERALD_TEST_POSTGRES") is null)
        {
            return;
        }

        await using var push = await PushHarness.StartAsync(DatabaseProvider.Postgres, HeraldRole.Api);
        push.Gateway.Delay = TimeSpan.FromMilliseconds(30);
        const string user = "@bob:example.org";
        await push.RegisterHttpPusherAsync(user, "crash-key");
        var environment = new Dictionary<string, string>
        {
            ["HERALD_ALLOWPRIVATETARGETS"] = "true",

            // Two nodes, two data directories, one database: they must share the key ring's key.
            ["HERALD_KEYRING__KEY"] = HeraldApp.KeyRingKey,
            ["HERALD_PUSHERS__LEASEDURATION"] = "00:00:03",
            ["HERALD_PUSHERS__SWEEPINTERVAL"] = "00:00:00.500",
            ["HERALD_LOGGING__LOGLEVEL__DEFAULT"] = "Warning",
        };
        var outputs = new[] { new StringBuilder(), new StringBuilder() };
        var data = new[] { Directory.CreateTempSubdirectory("herald-push-crash-"), Directory.CreateTempSubdirectory("herald-push-crash-") };
        var workers = new List<Process>();
        try
        {
            for (var i = 0; i < 2; i++)
            {
                workers.Add(HeraldProcess.Start(HeraldProcess.HeraldDll,
                    ["serve", "--role", "worker", "--urls", "http://127.0.0.1:0", "--data", data[i].FullName, "--database", push.Database.DatabaseArgument],
                    outputs[i], environment));
            }

            var ids = new List<string>();
            for (var i = 0; i < Events; i++)
            {
                var id = $"$e{i:D4}";
                ids.Add(id);
                await push.PostEventAsync(id, "!room:example.org", user);
            }

            await Eventually.TrueAsync(() => Task.FromResult(push.Gateway.DeliveredEventIds.Count >= 20), "the gateway has 20 events", TimeSpan.FromSeconds(60));
            var owner = await LeaseOwnerAsync(push);
            var victim = workers.Single(w => owner.Split('/')[1] == w.Id.ToString(CultureInfo.InvariantCulture));
            victim.Kill();
            await victim.WaitForExitAsync();
            var atKill = push.Gateway.DeliveredEventIds.Distinct().Count();
            output.WriteLine($"killed {owner} with SIGKILL after {atKill} of {Events} events reached the gateway");
            Assert.True(atKill < Events, "the stream had finished before the kill; the test proved nothing");

            await Eventually.TrueAsync(() => Task.FromResult(push.Gateway.DeliveredEventIds.Contains(ids[^1])), "the gateway has the last event", TimeSpan.FromSeconds(90));
            // The process that took over may already have finished the stream and given the lease back.
            var newOwner = await LeaseOwnerOrNullAsync(push) ?? "a process that has finished and released the pusher";
            output.WriteLine($"taken over by {newOwner}");

            var seen = push.Gateway.DeliveredEventIds;
            var first = seen.Distinct().ToList();
            var repeats = seen.Count - first.Count;
            output.WriteLine($"{seen.Count} notifications, {first.Count} distinct events, {repeats} repeats");
            Assert.Equal(ids, first);
            Assert.InRange(repeats, 0, 1);
        }
        finally
        {
            foreach (var text in outputs)
            {
                lock (text)
                {
                    output.WriteLine(text.ToString());
                }
            }

            foreach (var worker in workers)
            {
                if (!worker.HasExited)
                {
                    worker.Kill();
                    await worker.WaitForExitAsync();
                }

                worker.Dispose();
            }

            foreach (var directory in data)
            {
                directory.Delete(recursive: true);
            }
        }
    }

    private static async Task<string> LeaseOwnerAsync(PushHarness push) =>
        await LeaseOwnerOrNullAsync(push) ?? throw new InvalidOperationException("no lease owner");

    private static async Task<string?> LeaseOwnerOrNullAsync(PushHarness push)
    {
        await using var context = push.Herald.Services.GetRequiredService<HeraldDatabase>().CreateContext();
        return await context.Pushers.Select(p => p.LeaseOwner).SingleAsync();
    }
}
