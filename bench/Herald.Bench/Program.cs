using System.Diagnostics;
using System.Globalization;
using Herald.Bench;
using Herald.Storage;

// Benchmarks: prints medians of several runs per backend, each with a baseline measured in the
// same run. See docs/performance.md.
//   Herald.Bench [queue] [--runs 3] [--items 200000] [--batch 1000] [--rate 1000] [--seconds 10]
//                [--idle-seconds 10] [--relaxed] [--backends sqlite,postgres]
//   Herald.Bench sms [--runs 3] [--messages 20000] [--concurrency 64] [--relaxed] [--backends ...] [--set Key=Value,...]
//   Herald.Bench pushers [--runs 3] [--pushers 100000] [--backends ...]
//   Herald.Bench fanout [--runs 3] [--users 1000,10000,50000] [--concurrency 64] [--backends ...]
//   Herald.Bench api [--runs 3] [--seconds 10] [--connections 64] [--rate 1000] [--relaxed] [--backends ...]
//   Herald.Bench email [--runs 3] [--emails 50000] [--pool 16] [--email-rate 2000] [--seconds 10] [--connections 64]
//                      [--relaxed] [--backends ...] [--skip drain,steady,saturated] [--set Queue:HandlerConcurrency=128,...]
//   Herald.Bench ui [--runs 3] [--notifications 100000] [--requests 200] [--backends ...]
//                   (admin UI pages over that many seeded notifications, --requests timed GETs per page)
//   Herald.Bench lifecycle [--runs 3] [--notifications 1000000] [--searches 200] [--rate 500] [--baseline-seconds 20] [--backends ...]
//                   (search over that many notifications past retention, then herald retention archive under sends at --rate)
//   Herald.Bench jobs [--runs 3] [--rows 100000] [--rate 500] [--baseline-seconds 10] [--backends ...]
//                   (a bulk email job from upload to every email at smtp-sink, single sends at --rate meanwhile)
//   Herald.Bench chaos [--short] [--kills 10] [--db-restarts 2] [--rate 40]   (PostgreSQL only; run by scripts/chaos)
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

if (args.Length > 0 && args[0] == "chaos")
{
    // Exits non-zero when anything was lost or answered 500: scripts/test runs the short form.
    var server = postgres ?? throw new InvalidOperationException("Set HERALD_TEST_POSTGRES (scripts/chaos starts a server).");
    var chaos = options.ContainsKey("short") ? ChaosSettings.Short(server) : ChaosSettings.Full(server);
    chaos = chaos with { Kills = Int("kills", chaos.Kills), DatabaseRestarts = Int("db-restarts", chaos.DatabaseRestarts), Rate = Int("rate", chaos.Rate) };
    Environment.ExitCode = await new ChaosRun(chaos).RunAsync() ? 0 : 1;
    return;
}

if (args.Length > 0 && args[0] == "sms-client")
{
    // The SMS benchmark's separate-process baseline: warm up, then print one measured rate.
    var (url, sid, token) = (options["url"], options["sid"], options["token"]);
    var (count, loops) = (Int("messages", 20_000), Int("concurrency", 64));
    await RawTwilioClient.WarmUpAsync(() => RawTwilioClient.RunAsync(url, sid, token, count, loops), (_, _) => { });
    Console.WriteLine((await RawTwilioClient.RunAsync(url, sid, token, count, loops)).ToString("F0", CultureInfo.InvariantCulture));
    return;
}

if (args.Length > 0 && args[0] == "sms")
{
    var messages = Int("messages", 20_000);
    var concurrency = Int("concurrency", 64);
    Console.WriteLine($"Herald SMS benchmark: a backlog of {messages:N0} SMS accepted by herald serve --role api, drained by --role worker through the Twilio fake; " +
        $"{settings.Runs} runs, medians; durability {settings.Durability}; baselines: raw HttpClient posting {messages:N0} messages to the same fake from {concurrency} loops, " +
        "in the benchmark's process beside the fake, and from a process of its own as Herald's worker is");
    await using var fakes = await Herald.Fakes.ProviderFakes.StartAsync(new Herald.Fakes.FakeOptions { Twilio = new Herald.Fakes.FakeBehaviour { SendReceipts = false } });
    foreach (var provider in settings.Backends)
    {
        var bench = new SmsBenchmark(provider, settings, fakes, messages, concurrency, HeraldSettings.Parse(options.GetValueOrDefault("set")));
        await RawTwilioClient.WarmUpAsync(bench.BaselineAsync, (n, rate) => Console.WriteLine($"  {provider} baseline warm-up {n}: {rate:N0} SMS/s"));

        var baseline = new List<double>();
        var separate = new List<double>();
        var rates = new List<double>();
        var ratios = new List<double>();
        var separateRatios = new List<double>();
        var warmRates = new List<double>();
        var cpus = new List<double>();
        var warmCpus = new List<double>();
        for (var run = 1; run <= settings.Runs; run++)
        {
            baseline.Add(await bench.BaselineAsync());
            separate.Add(await bench.SeparateProcessBaselineAsync());
            var result = await bench.DrainAsync();
            rates.Add(result.Rate);
            ratios.Add(result.Rate / baseline[^1]);
            separateRatios.Add(result.Rate / separate[^1]);
            warmRates.Add(result.WarmRate);
            cpus.Add(result.CpuMicroseconds);
            warmCpus.Add(result.WarmCpuMicroseconds);
            Console.WriteLine($"  {provider} run {run}: baseline {baseline[^1]:N0} SMS/s (separate process {separate[^1]:N0}); " +
                $"Herald {result.Rate:N0} SMS/s ({result.Rate / baseline[^1]:P0}; {result.Rate / separate[^1]:P0} of the separate process's), " +
                $"second half {result.WarmRate:N0} SMS/s ({result.WarmRate / baseline[^1]:P0}); worker CPU {result.CpuMicroseconds:F0} µs per SMS, " +
                $"second half {result.WarmCpuMicroseconds:F0} µs; at most {result.PeakCalls} calls open at the fake; " +
                $"first / last message {result.FirstAfterLaunch:F2} / {result.LastAfterLaunch:F2} s after the worker's launch");
        }

        Console.WriteLine($"{provider}: Herald drains {Stats.Median(rates):N0} SMS/s = {Stats.Median(ratios):P0} of its run's raw baseline " +
            $"(median baseline {Stats.Median(baseline):N0} SMS/s), {Stats.Median(separateRatios):P0} of its run's separate-process baseline " +
            $"(median {Stats.Median(separate):N0} SMS/s); second half {Stats.Median(warmRates):N0} SMS/s; worker CPU {Stats.Median(cpus):F0} µs per SMS, " +
            $"second half {Stats.Median(warmCpus):F0} µs (target >= 5,000 SMS/s and >= 60%)");
    }

    return;
}

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

if (args.Length > 0 && args[0] == "fanout")
{
    var sizes = (options.GetValueOrDefault("users") ?? "1000,10000,50000").Split(',').Select(u => int.Parse(u, CultureInfo.InvariantCulture)).Order().ToList();
    var concurrency = Int("concurrency", 64);
    Console.WriteLine($"Herald pusher fan-out benchmark: one event posted to herald serve (role all) to {string.Join(", ", sizes.Select(u => u.ToString("N0", CultureInfo.InvariantCulture)))} recipients " +
        $"(above 10,000, events of 10,000 posted at once), each with one HTTP pusher to the Matrix push gateway fake; {settings.Runs} runs per size after one unmeasured event, medians; " +
        $"durability {settings.Durability}; {Environment.ProcessorCount} cores; pushes/s from the POST to the last notify; latency from the POST to each notify; " +
        $"baseline: raw HttpClient posting as many notifies to the same fake from {concurrency} loops, in the same run");
    await using var fakes = await Herald.Fakes.ProviderFakes.StartAsync(new Herald.Fakes.FakeOptions());
    foreach (var provider in settings.Backends)
    {
        try
        {
            await using var bench = new PusherFanoutBenchmark(provider, settings, fakes, sizes[^1], concurrency);
            await bench.BaselineAsync(sizes[0]);
            await bench.StartAsync();
            foreach (var users in sizes)
            {
                var baseline = new List<double>();
                var results = new List<FanoutResult>();
                for (var run = 1; run <= settings.Runs; run++)
                {
                    baseline.Add(await bench.BaselineAsync(users));
                    var result = await bench.FanOutAsync(users);
                    results.Add(result);
                    Console.WriteLine($"  {provider} {users:N0} run {run}: baseline {baseline[^1]:N0} notifies/s; Herald {result.Rate:N0} pushes/s ({result.Rate / baseline[^1]:P0}), " +
                        $"POST answered in {result.PostMs:F0} ms, latency p50 {result.P50:F0} / p99 {result.P99:F0} / max {result.Max:F0} ms, at most {result.PeakCalls} calls open at the fake, " +
                        $"{result.Repeats} notifies sent twice, {result.RoundTripsPer1000:F0} database round trips per 1,000 pushes, peak memory {result.PeakMemoryMiB:F0} MiB");
                }

                double Median(Func<FanoutResult, double> figure) => Stats.Median([.. results.Select(figure)]);
                var rate = Median(r => r.Rate);
                var baseRate = Stats.Median(baseline);
                Console.WriteLine($"{provider} {users:N0}: {rate:N0} pushes/s ({rate / baseRate:P0} of the raw baseline's {baseRate:N0} notifies/s); " +
                    $"POST-to-notify latency p50 {Median(r => r.P50):F0} / p99 {Median(r => r.P99):F0} / max {Median(r => r.Max):F0} ms; POST answered in {Median(r => r.PostMs):F0} ms; " +
                    $"notifies sent twice {results.Sum(r => r.Repeats)}; {Median(r => r.RoundTripsPer1000):F0} database round trips per 1,000 pushes; " +
                    $"most calls open at the fake {results.Max(r => r.PeakCalls)}; peak memory {results.Max(r => r.PeakMemoryMiB):F0} MiB");
            }
        }
        catch (Exception ex) when (ex is InvalidOperationException or TimeoutException or HttpRequestException)
        {
            // Herald failing at this size is a result too: say so and go on to the next backend.
            Console.WriteLine($"{provider}: the fan-out failed: {ex.Message}");
        }
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

if (args.Length > 0 && args[0] == "jobs")
{
    var jobs = new JobsSettings(Int("rows", 100_000), Int("rate", 500), Int("baseline-seconds", 10));
    Console.WriteLine($"Herald jobs benchmark: one herald serve --role all process, SMTP provider to smtp-sink on loopback; a {jobs.Rows:N0}-row email job uploaded " +
        $"through the admin API while single sends arrive at {jobs.Rate}/s, against the same rate for {jobs.BaselineSeconds} s just before; baseline: a plain MailKit loop " +
        $"(4 connections) sending {jobs.Rows:N0} such emails to the same kind of sink in the same run. {settings.Runs} runs, medians; durability {settings.Durability}; " +
        $"Herald, the benchmark, smtp-sink and PostgreSQL share the machine's {Environment.ProcessorCount} cores. Targets: upload (every row checked) < 2 s, rows made >= 20,000/s, " +
        "the job's emails >= 5,000/s, single-send p99 < 100 ms");
    foreach (var provider in settings.Backends)
    {
        var runs = new List<JobsRun>();
        for (var run = 1; run <= settings.Runs; run++)
        {
            var r = await new JobsBenchmark(provider, settings, jobs).RunAsync();
            runs.Add(r);
            Console.WriteLine($"  {provider} run {run}: upload {r.UploadSeconds:F2} s; rows made {r.RowsPerSecond:N0}/s (job finished {r.AcceptedSeconds:F1} s after the upload began); " +
                $"emails {r.EmailsPerSecond:N0}/s (all at the sink after {r.DeliveredSeconds:F1} s), {r.EmailsPerSecond / r.BaselineEmailsPerSecond:P0} of the MailKit loop's {r.BaselineEmailsPerSecond:N0}/s; " +
                $"single sends before p50 / p99 {r.Before.P50:F1} / {r.Before.P99:F1} ms, during p50 / p99 / max {r.During.P50:F1} / {r.During.P99:F1} / {r.During.Max:F0} ms at {r.During.Achieved:F0}/s, " +
                $"{r.Before.Failed + r.During.Failed} failed; peak memory {r.PeakMemoryMiB:F0} MiB");
        }

        Console.WriteLine($"{provider}, {jobs.Rows:N0} rows, medians of {settings.Runs} runs: upload {Stats.Median(runs.Select(r => r.UploadSeconds)):F2} s; " +
            $"rows made {Stats.Median(runs.Select(r => r.RowsPerSecond)):N0}/s; emails {Stats.Median(runs.Select(r => r.EmailsPerSecond)):N0}/s " +
            $"({Stats.Median(runs.Select(r => r.EmailsPerSecond / r.BaselineEmailsPerSecond)):P0} of the MailKit loop's {Stats.Median(runs.Select(r => r.BaselineEmailsPerSecond)):N0}/s); " +
            $"single-send p99 before {Stats.Median(runs.Select(r => r.Before.P99)):F1} ms, during {Stats.Median(runs.Select(r => r.During.P99)):F1} ms; " +
            $"peak memory {Stats.Median(runs.Select(r => r.PeakMemoryMiB)):F0} MiB");
    }

    return;
}

if (args.Length > 0 && args[0] == "lifecycle")
{
    var lifecycle = new LifecycleSettings(Int("notifications", 1_000_000), Int("searches", 200), Int("rate", 500), Int("baseline-seconds", 20));
    Console.WriteLine($"Herald lifecycle benchmark: herald serve --role api over {lifecycle.Notifications:N0} notifications of 10-11 days ago in one service (60% email, 40% SMS), " +
        $"past the default 7 days' retention; {settings.Runs} runs, each figure the median of the runs'; durability {settings.Durability}; Herald, the benchmark and PostgreSQL " +
        $"share the machine's {Environment.ProcessorCount} cores. Search: {lifecycle.Searches} sequential GETs of the admin search API per kind after {lifecycle.WarmUp} warm-up, " +
        "each for a random seeded row, against GET /healthz timed the same way; target p99 < 50 ms. Archive: herald retention archive (the server archives, the CLI draws its progress; peak memory is the server's) of every seeded row " +
        $"while sends arrive at {lifecycle.Rate}/s, against the same rate for {lifecycle.BaselineSeconds} s just before; targets >= 20,000 rows/s, no batch's transaction over 2 s, send p99 < 100 ms");
    foreach (var provider in settings.Backends)
    {
        var bench = new LifecycleBenchmark(provider, settings, lifecycle);
        var runs = new List<LifecycleRun>();
        for (var run = 1; run <= settings.Runs; run++)
        {
            var r = await bench.RunAsync(run);
            runs.Add(r);
            var a = r.Archive;
            Console.WriteLine($"  {provider} run {run}: seeded in {r.SeedSeconds:F0} s; search p99 " +
                string.Join(", ", LifecycleBenchmark.SearchKinds.Select((k, i) => $"{k} {r.Searches[i].P99:F1} ms")) +
                $"; sends before p50 / p99 {r.Before.P50:F1} / {r.Before.P99:F1} ms at {r.Before.Achieved:F0}/s; archive {a.Moved:N0} in {a.Seconds:F1} s = {a.Rate:N0} rows/s, " +
                $"{a.Batches:N0} batches, longest {a.LongestSeconds:F3} s, peak {a.PeakMemoryMiB:F0} MiB; sends during p50 / p99 / max {a.During.P50:F1} / {a.During.P99:F1} / {a.During.Max:F0} ms " +
                $"at {a.During.Achieved:F0}/s, {a.During.Failed + r.Before.Failed} failed");
        }

        Console.WriteLine($"{provider}, {lifecycle.Notifications:N0} notifications, medians of {settings.Runs} runs:");
        for (var i = 0; i < LifecycleBenchmark.SearchKinds.Length; i++)
        {
            var k = i;
            Console.WriteLine($"  search {LifecycleBenchmark.SearchKinds[k],-24} p50 {Stats.Median(runs.Select(r => r.Searches[k].P50)),6:F2} ms  p99 {Stats.Median(runs.Select(r => r.Searches[k].P99)),6:F2} ms  max {Stats.Median(runs.Select(r => r.Searches[k].Max)),6:F1} ms");
        }

        Console.WriteLine($"  archive {Stats.Median(runs.Select(r => r.Archive.Rate)):N0} rows/s ({Stats.Median(runs.Select(r => r.Archive.Seconds)):F1} s), " +
            $"longest batch {Stats.Median(runs.Select(r => r.Archive.LongestSeconds)):F3} s (worst of all runs {runs.Max(r => r.Archive.LongestSeconds):F3} s), " +
            $"peak memory {Stats.Median(runs.Select(r => r.Archive.PeakMemoryMiB)):F0} MiB");
        Console.WriteLine($"  sends at {lifecycle.Rate}/s: before p50 {Stats.Median(runs.Select(r => r.Before.P50)):F1} ms p99 {Stats.Median(runs.Select(r => r.Before.P99)):F1} ms; " +
            $"during the archive p50 {Stats.Median(runs.Select(r => r.Archive.During.P50)):F1} ms p99 {Stats.Median(runs.Select(r => r.Archive.During.P99)):F1} ms " +
            $"max {Stats.Median(runs.Select(r => r.Archive.During.Max)):F0} ms; failed {runs.Sum(r => r.Before.Failed + r.Archive.During.Failed)}");
    }

    return;
}

if (args.Length > 0 && args[0] == "ui")
{
    var ui = new UiSettings(Int("notifications", 100_000), Int("requests", 200));
    Console.WriteLine($"Herald admin UI benchmark: sequential GETs of the admin pages over one connection, signed in with the session cookie, to herald serve (role all) " +
        $"with {ui.Notifications:N0} notifications of the last 7 days in {ui.Services} services (email and SMS); {settings.Runs} runs, each figure the median of the runs'; " +
        $"{ui.Requests} timed requests per page after {ui.WarmUp} warm-up; durability {settings.Durability}; Herald, the benchmark and PostgreSQL share the machine's " +
        $"{Environment.ProcessorCount} cores; baseline: GET /healthz timed the same way (the HTTP round trip alone); target: p99 < {UiSettings.TargetP99Ms:F0} ms on every page");
    var failed = false;
    foreach (var provider in settings.Backends)
    {
        var bench = new UiBenchmark(provider, settings, ui);
        var runs = new List<UiRun>();
        for (var run = 1; run <= settings.Runs; run++)
        {
            var result = await bench.RunAsync(run);
            runs.Add(result);
            var timed = result.Pages.Where(p => !p.Missing && p.Name != UiBenchmark.Baseline).ToList();
            var slowest = timed.MaxBy(p => p.P99);
            var errors = result.Pages.Where(p => p.Errors is not null).Select(p => $"{p.Name} {p.Errors}").ToList();
            Console.WriteLine($"  {provider} run {run}: seeded {ui.Notifications:N0} notifications and {result.Events:N0} events in {result.SeedSeconds:F1} s; " +
                $"baseline p50 {result.Pages[0].P50:F2} ms; slowest p99 {slowest?.Name} {slowest?.P99:F1} ms; {result.Pages.Count(p => p.Missing)} pages missing; " +
                $"errors: {(errors.Count == 0 ? "none" : string.Join("; ", errors))}");
        }

        Console.WriteLine($"{provider}, {ui.Notifications:N0} notifications: p50 / p99 / max in ms, medians of {settings.Runs} runs");
        var (met, present, erring) = (0, 0, 0);
        foreach (var name in runs[0].Pages.Select(p => p.Name))
        {
            var results = runs.Select(r => r.Pages.Single(p => p.Name == name)).ToList();
            var errors = string.Join("; ", results.Select((p, i) => (p, i)).Where(x => x.p.Errors is not null).Select(x => $"run {runs[x.i].Run}: {x.p.Errors}"));
            failed |= errors.Length > 0;
            erring += errors.Length > 0 ? 1 : 0;
            var found = results.Where(p => !p.Missing).ToList();
            if (found.Count == 0)
            {
                Console.WriteLine($"  {name,-48} missing ({results[0].Note})");
                continue;
            }

            // A page that answered anything but 200 has not met the target, however fast it was.
            var p99 = Stats.Median(found.Select(p => p.P99));
            var verdict = "";
            if (name != UiBenchmark.Baseline)
            {
                var ok = p99 < UiSettings.TargetP99Ms && errors.Length == 0;
                present++;
                met += ok ? 1 : 0;
                verdict = ok ? "  met" : "  NOT MET";
            }

            Console.WriteLine($"  {name,-48} {Stats.Median(found.Select(p => p.P50)),7:F1} / {p99,7:F1} / {Stats.Median(found.Select(p => p.Max)),7:F1}{verdict}" +
                (errors.Length > 0 ? $"  errors: {errors}" : ""));
        }

        Console.WriteLine($"{provider}: target p99 < {UiSettings.TargetP99Ms:F0} ms with {ui.Notifications:N0} notifications: met by {met} of the {present} pages timed" +
            $"{(met == present ? "" : " (NOT MET by the others)")}; {runs[0].Pages.Count(p => p.Missing)} pages missing; " +
            $"{(erring == 0 ? "every answer 200" : $"{erring} pages answered other than 200")}");
    }

    // A page answering anything but 200 (a missing page aside) is a failure.
    Environment.ExitCode = failed ? 1 : 0;
    return;
}

if (args.Length > 0 && args[0] == "email")
{
    var herald = HeraldSettings.Parse(options.GetValueOrDefault("set"));
    var delivery = new DeliverySettings(Int("emails", 50_000), Int("pool", 16), Int("email-rate", 2_000), Int("seconds", 10), Int("connections", 64), herald);
    var skip = (options.GetValueOrDefault("skip") ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries).ToHashSet(StringComparer.Ordinal);
    Console.WriteLine($"Herald email delivery benchmark: herald serve with the smtp provider (pool {delivery.PoolSize}) to smtp-sink on loopback; {settings.Runs} runs, medians; " +
        $"durability {settings.Durability}; {Environment.ProcessorCount} cores; backlog {delivery.Emails:N0} emails; accept+deliver for {delivery.Seconds} s at {delivery.Rate}/s and with {delivery.Connections} connections; " +
        $"baseline: {delivery.Emails:N0} messages from a MailKit loop over 4 connections" +
        string.Concat(delivery.Herald.Select(s => $"; {s.Key}={s.Value}")));
    foreach (var provider in settings.Backends)
    {
        var bench = new DeliveryBenchmark(provider, settings, delivery);
        var baseline = new List<double>();
        var drain = new List<double>();
        var drainRatios = new List<double>();
        var warm = new List<double>();
        var steady = new List<SustainedResult>();
        var saturated = new List<SustainedResult>();

        // One unmeasured baseline first: the MailKit loop runs in this process, whose code is
        // JIT-compiled cold on its first run (as a fresh Herald worker's is, and is measured).
        await bench.BaselineAsync();
        for (var run = 1; run <= settings.Runs; run++)
        {
            var (runRate, baseCpu) = await bench.BaselineAsync();
            baseline.Add(runRate);
            var line = $"  {provider} run {run}: MailKit baseline {baseline[^1]:N0}/s ({baseCpu:F0} µs CPU per email)";
            if (!skip.Contains("drain"))
            {
                var result = await bench.DrainAsync();
                drain.Add(result.Rate);
                drainRatios.Add(result.Rate / baseline[^1]);
                warm.Add(result.WarmRate / baseline[^1]);
                line += $"; backlog drained at {result.Rate:N0} emails/s ({result.Rate / baseline[^1]:P0} of baseline; accepted at {result.AcceptRate:N0}/s; worker started {result.StartupSeconds:F1} s after launch; " +
                    $"worker CPU {result.CpuMicroseconds:F0} µs per email; second half {result.WarmRate:N0} emails/s, {result.WarmCpuMicroseconds:F0} µs CPU per email)";
            }

            if (!skip.Contains("steady"))
            {
                var result = await bench.SustainedAsync(delivery.Rate);
                steady.Add(result);
                line += $"; at {delivery.Rate}/s: {result.AcceptRate:N0} accepted/s, {result.Rate:N0} emails/s end to end, p50 {result.P50:F1} ms, p99 {result.P99:F1} ms";
            }

            if (!skip.Contains("saturated"))
            {
                var result = await bench.SustainedAsync(0);
                saturated.Add(result);
                line += $"; saturated: {result.AcceptRate:N0} accepted/s, {result.Rate:N0} emails/s end to end, p50 {result.P50:F0} ms, p99 {result.P99:F0} ms, peak memory {result.MemoryMiB:F0} MiB";
            }

            Console.WriteLine(line);
        }

        var baseRate = Stats.Median(baseline);
        var summary = $"{provider}: MailKit baseline {baseRate:N0} emails/s";
        if (drain.Count > 0)
        {
            summary += $"; backlog drains at {Stats.Median(drain):N0} emails/s ({Stats.Median(drainRatios):P0} of its run's baseline; second half at {Stats.Median(warm):P0} of its run's baseline)";
        }

        if (steady.Count > 0)
        {
            summary += $"; at {delivery.Rate}/s: {Stats.Median(steady.Select(r => r.Rate)):N0} emails/s end to end, p50 {Stats.Median(steady.Select(r => r.P50)):F1} ms, p99 {Stats.Median(steady.Select(r => r.P99)):F1} ms";
        }

        if (saturated.Count > 0)
        {
            summary += $"; saturated: {Stats.Median(saturated.Select(r => r.AcceptRate)):N0} accepted/s, {Stats.Median(saturated.Select(r => r.Rate)):N0} emails/s end to end, " +
                $"p50 {Stats.Median(saturated.Select(r => r.P50)):F0} ms, p99 {Stats.Median(saturated.Select(r => r.P99)):F0} ms, peak memory {Stats.Median(saturated.Select(r => r.MemoryMiB)):F0} MiB";
        }

        Console.WriteLine(summary);
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
