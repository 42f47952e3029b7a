using System.Diagnostics;
using System.Globalization;
using System.Text;
using Herald.Queue;
using Herald.Storage;
using Herald.Tests.Fixtures;
using Xunit.Abstractions;

namespace Herald.Tests.Queue;

/// <summary>
/// Worker processes killed with SIGKILL while they hold leases far longer than the test may run:
/// only a restart under the same node id may take those leases back, and only from a dead process.
/// </summary>
public sealed class QueueNodeRecoveryTests(ITestOutputHelper output)
{
    private const int Total = 200;

    /// <summary>So long that an item the test sees run again cannot have waited for its lease.</summary>
    private static readonly TimeSpan Lease = TimeSpan.FromMinutes(30);

    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task A_worker_restarted_under_its_node_id_takes_back_the_killed_processs_leases_at_once(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var queue = await QueueHarness.CreateAsync(database);
        await queue.EnqueueAsync([.. Enumerable.Range(0, Total).Select(_ => new NewQueueItem("test.record", "{}"))]);
        using var directory = new TempDirectory();
        var firstFile = Path.Combine(directory.Path, "first.txt");
        var secondFile = Path.Combine(directory.Path, "second.txt");
        var firstOutput = new StringBuilder();
        var secondOutput = new StringBuilder();
        using var first = StartWorker(database, "node-a", firstFile, firstOutput);
        Process? second = null;
        try
        {
            // All items claimed (one batch), a few run: the rest wait under the killed process's leases.
            await Eventually.TrueAsync(async () => LineCount(firstFile) >= 10 && (await RecordItemsAsync(queue)).All(i => i.LeaseOwner is not null),
                "the first process holds every item", TimeSpan.FromSeconds(60));
            first.Kill();
            await first.WaitForExitAsync();
            var leased = (await queue.ItemsAsync()).Count(i => i.LeaseOwner?.StartsWith("node-a/", StringComparison.Ordinal) == true);
            output.WriteLine($"killed the first process; {leased} items were left under its leases");
            Assert.True(leased > 0, "the queue drained before the kill; the test proved nothing");

            var restart = Stopwatch.StartNew();
            second = StartWorker(database, "node-a", secondFile, secondOutput, delayMs: 0);
            await Eventually.TrueAsync(async () => (await RecordItemsAsync(queue)).Count == 0, "the restarted process runs every item left", TimeSpan.FromSeconds(60));

            // A figure for docs/reliability.md, not an assertion: process start-up included, against a 30-minute lease.
            output.WriteLine($"settled {restart.Elapsed.TotalSeconds:F1} s after the restart began");
            Assert.True(ReadIds(secondFile).Count >= leased, "the restarted process ran the items the killed one held");
        }
        catch
        {
            output.WriteLine($"first output:\n{Read(firstOutput)}\nsecond output:\n{Read(secondOutput)}");
            throw;
        }
        finally
        {
            Stop(first);
            Stop(second);
            second?.Dispose();
        }
    }

    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task A_worker_of_another_node_leaves_a_live_processs_leases_alone(DatabaseProvider provider) =>
        await AssertLiveLeasesKeptAsync(provider, otherNodeId: "node-b");

    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task A_second_live_process_under_the_same_node_id_leaves_the_first_ones_leases_alone(DatabaseProvider provider) =>
        await AssertLiveLeasesKeptAsync(provider, otherNodeId: "node-a");

    /// <summary>
    /// A live process holds items; another starts and runs a marker item enqueued after it started
    /// (it reclaims, if at all, before it claims anything). The live process's leases must be untouched.
    /// </summary>
    private async Task AssertLiveLeasesKeptAsync(DatabaseProvider provider, string otherNodeId)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var queue = await QueueHarness.CreateAsync(database);
        await queue.EnqueueAsync([.. Enumerable.Range(0, Total).Select(_ => new NewQueueItem("test.record", "{}"))]);
        using var directory = new TempDirectory();
        var liveFile = Path.Combine(directory.Path, "live.txt");
        var otherFile = Path.Combine(directory.Path, "other.txt");
        var liveOutput = new StringBuilder();
        var otherOutput = new StringBuilder();
        using var live = StartWorker(database, "node-a", liveFile, liveOutput);
        Process? other = null;
        try
        {
            await Eventually.TrueAsync(async () => LineCount(liveFile) >= 1 && (await RecordItemsAsync(queue)).All(i => i.LeaseOwner is not null),
                "the live process holds every item", TimeSpan.FromSeconds(60));
            var held = (await RecordItemsAsync(queue)).Where(i => i.LeaseOwner is not null).ToDictionary(i => i.Id, i => i.LeaseOwner);

            other = StartWorker(database, otherNodeId, otherFile, otherOutput, delayMs: 0);
            await Eventually.TrueAsync(() => Task.FromResult(Read(otherOutput).Contains("Queue worker", StringComparison.Ordinal)),
                "the other process's worker started", TimeSpan.FromSeconds(60));
            await queue.EnqueueAsync(new NewQueueItem("test.record", "{}", Reference: "marker"));
            var marker = (await queue.ItemsAsync()).Single(i => i.Reference == "marker").Id;
            await Eventually.TrueAsync(() => Task.FromResult(ReadIds(otherFile).Contains(marker)), "the other process ran the marker", TimeSpan.FromSeconds(60));

            Assert.DoesNotContain(ReadIds(otherFile), id => held.ContainsKey(id));
            var stillHeld = (await queue.ItemsAsync()).Where(i => held.ContainsKey(i.Id)).ToList();
            Assert.NotEmpty(stillHeld);
            Assert.All(stillHeld, i => Assert.Equal(held[i.Id], i.LeaseOwner));
        }
        catch
        {
            output.WriteLine($"live output:\n{Read(liveOutput)}\nother output:\n{Read(otherOutput)}");
            throw;
        }
        finally
        {
            Stop(live);
            Stop(other);
            other?.Dispose();
        }
    }

    /// <summary>One batch claims every item; one slow handler keeps most of them waiting under the lease.</summary>
    private static Process StartWorker(TestDatabase database, string nodeId, string recordFile, StringBuilder output, int delayMs = 1_000)
    {
        var environment = new Dictionary<string, string>
        {
            ["HERALD_QUEUE__LEASEDURATION"] = Lease.ToString("c", CultureInfo.InvariantCulture),
            ["HERALD_QUEUE__MAXINFLIGHT"] = Total.ToString(CultureInfo.InvariantCulture),
            ["HERALD_QUEUE__BATCHSIZE"] = Total.ToString(CultureInfo.InvariantCulture),
            ["HERALD_QUEUE__HANDLERCONCURRENCY"] = delayMs > 0 ? "1" : "16",
            ["HERALD_QUEUE__POLLINTERVAL"] = "00:00:01",
            ["HERALD_LOGGING__LOGLEVEL__DEFAULT"] = "Warning",
            ["HERALD_LOGGING__LOGLEVEL__HERALD.QUEUE"] = "Information",
            ["HERALD_LOGGING__LOGLEVEL__HERALD.STORAGE"] = "Information",
        };
        return HeraldProcess.Start(HeraldProcess.TestWorkerDll,
            ["--database", database.DatabaseArgument, "--record", recordFile, "--delay-ms", delayMs.ToString(CultureInfo.InvariantCulture), "--node-id", nodeId],
            output, environment);
    }

    /// <summary>The test's items; periodic tasks the workers schedule are left out.</summary>
    private static async Task<List<QueueItemRecord>> RecordItemsAsync(QueueHarness queue) =>
        [.. (await queue.ItemsAsync()).Where(i => i.Kind == "test.record")];

    private static void Stop(Process? process)
    {
        if (process is { HasExited: false })
        {
            process.Kill();
        }
    }

    private static string Read(StringBuilder output)
    {
        lock (output)
        {
            return output.ToString();
        }
    }

    private static int LineCount(string path) => ReadIds(path).Count;

    private static List<long> ReadIds(string path)
    {
        if (!File.Exists(path))
        {
            return [];
        }

        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        using var reader = new StreamReader(stream);
        var ids = new List<long>();
        while (reader.ReadLine() is { } line)
        {
            if (long.TryParse(line, CultureInfo.InvariantCulture, out var id))
            {
                ids.Add(id);
            }
        }

        return ids;
    }

    private sealed class TempDirectory : IDisposable
    {
        public string Path { get; } = Directory.CreateTempSubdirectory("herald-node-").FullName;

        public void Dispose() => Directory.Delete(Path, recursive: true);
    }
}
