using System.Diagnostics;
using System.Text;
using Herald.Queue;
using Herald.Storage;
using Herald.Tests.Fixtures;
using Xunit.Abstractions;

namespace Herald.Tests.Queue;

public sealed class QueueCrashTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Two_worker_processes_drain_everything_when_one_is_killed_mid_run()
    {
        const int total = 20_000;
        const int maxInFlight = 400;
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Postgres);
        await using var queue = await QueueHarness.CreateAsync(database);
        var ids = new HashSet<long>();
        foreach (var chunk in Enumerable.Range(0, total).Chunk(2_000))
        {
            await queue.EnqueueAsync([.. chunk.Select(i => new NewQueueItem("test.record", "{}"))]);
        }

        foreach (var item in await queue.ItemsAsync())
        {
            ids.Add(item.Id);
        }

        Assert.Equal(total, ids.Count);
        var directory = Directory.CreateTempSubdirectory("herald-crash-");
        // The victim runs two handlers at a time (about 250 items/s), so that alone it would need
        // over a minute to drain the queue: a survivor slow to start on a loaded machine still
        // finds work, and the victim still holds leases when it is killed.
        var victimEnvironment = WorkerEnvironment(maxInFlight, handlerConcurrency: 2);
        var survivorEnvironment = WorkerEnvironment(maxInFlight, handlerConcurrency: 16);
        var victimFile = Path.Combine(directory.FullName, "victim.txt");
        var survivorFile = Path.Combine(directory.FullName, "survivor.txt");
        var victimOutput = new StringBuilder();
        var survivorOutput = new StringBuilder();
        // The victim starts first and the survivor only once the victim is working: started
        // together on a loaded machine, the survivor could drain the queue before the victim had
        // run enough to make the kill mean anything.
        using var victim = HeraldProcess.Start(HeraldProcess.TestWorkerDll, ["--database", database.Target.ConnectionString, "--record", victimFile, "--delay-ms", "8"], victimOutput, victimEnvironment);
        Process? survivor = null;
        try
        {
            await WaitAsync(() => LineCount(victimFile) >= 1_000, "the victim has run 1,000 items");
            survivor = HeraldProcess.Start(HeraldProcess.TestWorkerDll, ["--database", database.Target.ConnectionString, "--record", survivorFile, "--delay-ms", "8"], survivorOutput, survivorEnvironment);
            await WaitAsync(() => LineCount(victimFile) >= 2_000 && LineCount(survivorFile) >= 200, "the victim has run 2,000 items and the survivor 200");
            victim.Kill();
            await victim.WaitForExitAsync();
            var remainingAtKill = await queue.CountAsync();
            output.WriteLine($"killed the victim with SIGKILL; {remainingAtKill} items were left in the queue");
            Assert.True(remainingAtKill > 0, "the victim was killed after the queue had drained; the test proved nothing");

            await Eventually.TrueAsync(async () => await queue.CountAsync() == 0, "the survivor drains the queue", TimeSpan.FromSeconds(120));
        }
        catch
        {
            output.WriteLine($"victim ran {LineCount(victimFile)}, survivor {LineCount(survivorFile)}, {await queue.CountAsync()} left");
            output.WriteLine($"victim output:\n{victimOutput}\nsurvivor output:\n{survivorOutput}");
            throw;
        }
        finally
        {
            if (!victim.HasExited)
            {
                victim.Kill();
            }

            if (survivor is { HasExited: false })
            {
                survivor.Kill();
            }

            survivor?.Dispose();
        }

        var victimRuns = ReadIds(victimFile);
        var survivorRuns = ReadIds(survivorFile);
        var runs = victimRuns.Concat(survivorRuns).GroupBy(id => id).ToDictionary(g => g.Key, g => g.Count());
        var twice = runs.Where(r => r.Value > 1).Select(r => r.Key).ToList();
        output.WriteLine($"victim ran {victimRuns.Count}, survivor ran {survivorRuns.Count}, items run twice: {twice.Count} (bound: the victim's {maxInFlight} in-flight leases)");

        Assert.True(ids.SetEquals(runs.Keys), "every enqueued item ran");
        Assert.All(runs.Values, n => Assert.InRange(n, 1, 2));
        Assert.InRange(twice.Count, 0, maxInFlight);
        Assert.All(twice, id => Assert.Contains(id, victimRuns));
        Assert.Empty(await queue.ItemsAsync());
        directory.Delete(recursive: true);
    }

    private static Dictionary<string, string> WorkerEnvironment(int maxInFlight, int handlerConcurrency) => new()
    {
        ["HERALD_QUEUE__LEASEDURATION"] = "00:00:03",
        ["HERALD_QUEUE__MAXINFLIGHT"] = maxInFlight.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["HERALD_QUEUE__BATCHSIZE"] = "100",
        ["HERALD_QUEUE__HANDLERCONCURRENCY"] = handlerConcurrency.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };

    private static Task WaitAsync(Func<bool> condition, string what) =>
        Eventually.TrueAsync(() => Task.FromResult(condition()), what, TimeSpan.FromSeconds(60));

    private static int LineCount(string path)
    {
        if (!File.Exists(path))
        {
            return 0;
        }

        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        using var reader = new StreamReader(stream);
        var count = 0;
        while (reader.ReadLine() is not null)
        {
            count++;
        }

        return count;
    }

    private static List<long> ReadIds(string path) =>
        !File.Exists(path) ? [] : [.. File.ReadAllLines(path).Where(l => l.Length > 0).Select(long.Parse)];
}
