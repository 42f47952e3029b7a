using System.Diagnostics;
using System.Globalization;
using Herald.Bench;
using Herald.Storage;

// Benchmarks: prints medians of several runs per backend, each with a baseline measured in the
// same run. See docs/performance.md.
//   Herald.Bench [queue] [--runs 3] [--items 200000] [--batch 1000] [--rate 1000] [--seconds 10]
//                [--idle-seconds 10] [--relaxed] [--backends sqlite,postgres]
//   Herald.Bench pushers [--runs 3] [--pushers 100000] [--backends ...]
//   Herald.Bench api [--runs 3] [--seconds 10] [--connections 64] [--rate 1000] [--relaxed] [--backends ...]
var options = new Dictionary<string, string>(StringComparer.Ordinal);
for (var i = 0; i < args.Length; i++)
{
    if (args[i].StartsWith("--", StringComparison.Ordinal))
    {
        options[args[i][2..]] = i + 1 < args.Length && !args[i + 1].StartsWith("--", StringComparison.Ordinal) ? args[++i] : "true";
    }
}

int Int(string name, int fallback) => options.TryGetValue(name, out var v) ? int.Parse(v, CultureInfo.InvariantCulture) : fallback;
var postgres = Environment.GetEnvironmentVariable("HERALD_TEST_POSTGRES");
var backends = (options.GetValueOrDefault("backends") ?? (postgres is null ? "sqlite" : "sqlite,postgres"))
    .Split(',').Select(b => b == "sqlite" ? DatabaseProvider.Sqlite : DatabaseProvider.Postgres).ToList();
var settings = new BenchSettings(
    Int("runs", 3), Int("items", 200_000), Int("batch", 1_000), Int("rate", 1_000), Int("seconds", 10), Int("idle-seconds", 10),
    options.ContainsKey("relaxed") ? Durability.Relaxed : Durability.Full, postgres, backends);

if (args.Length > 0 && args[0] == "pushers")
{
    var count = Int("pushers", 100_000);
    Console.WriteLine($"Herald pusher start-up benchmark: {count:N0} pushers, 1% with an unread event; {settings.Runs} runs, medians; " +
        "time from worker start to every pusher with work started; baseline: one query reading every pusher's id");
    foreach (var provider in settings.Backends)
    {
        var bench = new PusherStartupBenchmark(provider, settings, count, 0.01);
        var baseline = new List<double>();
        var startup = new List<double>();
        var heap = new List<double>();
        var workingSet = new List<double>();
        for (var run = 1; run <= settings.Runs; run++)
        {
            var result = await bench.RunAsync();
            baseline.Add(result.BaselineMs);
            startup.Add(result.StartupMs);
            heap.Add(result.HeapMiB);
            workingSet.Add(result.WorkingSetMiB);
            Console.WriteLine($"  {provider} run {run}: baseline {result.BaselineMs:F0} ms; {result.Started:N0} started in {result.StartupMs:F0} ms; " +
                $"managed heap +{result.HeapMiB:F0} MiB, working set {result.WorkingSetMiB:F0} MiB");
        }

        Console.WriteLine($"{provider}: all pushers with work started in {Stats.Median(startup):F0} ms ({Stats.Median(startup) / Stats.Median(baseline):F1}x the " +
            $"baseline's {Stats.Median(baseline):F0} ms); managed heap +{Stats.Median(heap):F0} MiB; working set {Stats.Median(workingSet):F0} MiB");
    }

    return;
}

if (args.Length > 0 && args[0] == "api")
{
    var connections = Int("connections", 64);
    var seconds = Int("seconds", 10);
    Console.WriteLine($"Herald API benchmark: POST /v2/notifications/email over HTTP to herald serve --role api; {settings.Runs} runs, medians; " +
        $"durability {settings.Durability}; {connections} connections for {seconds} s; latency at {settings.LatencyRate}/s; baseline: single-row queue insert+commit from 8 connections");
    foreach (var provider in settings.Backends)
    {
        var bench = new ApiBenchmark(provider, settings, connections, seconds);
        var baseline = new List<double>();
        var rates = new List<double>();
        var satP50 = new List<double>();
        var satP99 = new List<double>();
        var memory = new List<double>();
        var p50 = new List<double>();
        var p99 = new List<double>();
        for (var run = 1; run <= settings.Runs; run++)
        {
            baseline.Add(await bench.BaselineAsync());
            var saturated = await bench.SaturateAsync();
            rates.Add(saturated.Rate);
            satP50.Add(saturated.P50);
            satP99.Add(saturated.P99);
            memory.Add(saturated.MemoryMiB);
            var steady = await bench.SteadyAsync(settings.LatencyRate);
            p50.Add(steady.P50);
            p99.Add(steady.P99);
            Console.WriteLine($"  {provider} run {run}: baseline {baseline[^1]:N0}/s; saturated {rates[^1]:N0} accepted/s (p50 {satP50[^1]:F1} ms, p99 {satP99[^1]:F1} ms), " +
                $"peak memory {memory[^1]:F0} MiB; at {settings.LatencyRate}/s ({steady.Achieved:F0} achieved) p50 {p50[^1]:F1} ms, p99 {p99[^1]:F1} ms");
        }

        var rate = Stats.Median(rates);
        var baseRate = Stats.Median(baseline);
        Console.WriteLine($"{provider}: {rate:N0} accepted/s (cost {baseRate / rate:F2}x the baseline's {baseRate:N0} inserts/s); saturated p50 {Stats.Median(satP50):F1} ms, p99 {Stats.Median(satP99):F1} ms; " +
            $"at {settings.LatencyRate}/s p50 {Stats.Median(p50):F1} ms, p99 {Stats.Median(p99):F1} ms; Herald peak memory {Stats.Median(memory):F0} MiB");
    }

    return;
}

Console.WriteLine($"Herald queue benchmark: {settings.Runs} runs per figure, medians; durability {settings.Durability}; " +
    $"{Environment.ProcessorCount} cores; drain {settings.DrainItems:N0} no-op items, batch {settings.BatchSize}; latency at {settings.LatencyRate}/s for {settings.LatencySeconds} s");
foreach (var provider in settings.Backends)
{
    var bench = new QueueBenchmark(provider, settings);
    var baseline = new List<double>();
    var drain = new List<double>();
    var p50 = new List<double>();
    var p99 = new List<double>();
    var idle = new List<double>();
    for (var run = 1; run <= settings.Runs; run++)
    {
        baseline.Add(await bench.BaselineInsertsPerSecondAsync());
        drain.Add(await bench.DrainAsync());
        var latency = await bench.LatencyAsync();
        p50.Add(latency.P50);
        p99.Add(latency.P99);
        idle.Add(await bench.IdleCpuPercentAsync());
        Console.WriteLine($"  {provider} run {run}: baseline {baseline[^1]:N0}/s, drain {drain[^1]:N0}/s, latency p50 {p50[^1]:F1} ms p99 {p99[^1]:F1} ms ({latency.Samples} samples), idle CPU {idle[^1]:F2}%");
    }

    var drainMedian = Stats.Median(drain);
    var baselineMedian = Stats.Median(baseline);
    Console.WriteLine($"{provider}: drain {drainMedian:N0} items/s = {drainMedian / baselineMedian:F1}x the baseline of {baselineMedian:N0} single-row commits/s; " +
        $"latency p50 {Stats.Median(p50):F1} ms, p99 {Stats.Median(p99):F1} ms; idle CPU {Stats.Median(idle):F2}%");
}

Console.WriteLine($"peak working set of the benchmark process: {Process.GetCurrentProcess().PeakWorkingSet64 / (1024.0 * 1024):F0} MiB");
