using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Herald.Fakes;
using Npgsql;

namespace Herald.Bench;

/// <summary>
/// The chaos run (docs/reliability.md): two <c>herald serve</c> nodes on one PostgreSQL database,
/// sending through the Mailgun and Twilio fakes, which answer some calls 5xx or 429 or not at all;
/// sustained API load throughout; node B SIGKILLed and restarted (same address, same data
/// directory, so the same node id) and PostgreSQL crashed and restarted, in turn. Then it waits for
/// the system to settle and prints what was accepted, where each notification ended, what was lost
/// and sent twice, how long settling took, and how the API answered while the database was down.
/// Returns false when anything was lost, a 500 was answered, or it did not settle in time.
/// </summary>
internal sealed partial class ChaosRun(ChaosSettings settings)
{
    private readonly Stopwatch _clock = Stopwatch.StartNew();

    public async Task<bool> RunAsync()
    {
        var faults = Schedule();
        Console.WriteLine($"Herald chaos run: 2 nodes on PostgreSQL, {settings.Rate} sends/s (email and SMS, both nodes), " +
            $"{settings.Kills} SIGKILLs of node B and {settings.DatabaseRestarts} PostgreSQL crashes ({settings.DatabaseDown.TotalSeconds:F0} s down), " +
            $"one fault every {settings.FaultGap.TotalSeconds:F0} s; fakes answer 5% 5xx, 5% 429, 1% hang past Herald's timeout");
        var behaviour = new FakeBehaviour
        {
            ServerErrorRate = 0.05,
            TooManyRequestsRate = 0.05,
            TimeoutRate = 0.01,
            ReceiptDelay = TimeSpan.FromMilliseconds(200),
        };
        await using var fakes = await ProviderFakes.StartAsync(new FakeOptions { Mailgun = behaviour, Twilio = behaviour });
        await using var database = await BenchDatabase.CreateAsync(Storage.DatabaseProvider.Postgres, settings.PostgresServer);
        var root = Directory.CreateTempSubdirectory("herald-chaos-").FullName;
        var nodeA = $"http://127.0.0.1:{FreePort()}";
        var nodeB = $"http://127.0.0.1:{FreePort()}";
        fakes.Mailgun.Behaviour = fakes.Mailgun.Behaviour with { ReceiptUrl = $"{nodeA}/receipts/mailgun" };
        var environment = Environment(fakes, nodeA);
        Log("starting node A");
        var a = await HeraldServer.StartAsync(database.Argument, "all", "Full", environment, baseUrl: nodeA, data: Path.Combine(root, "a"));
        Log("starting node B");
        var b = await HeraldServer.StartAsync(database.Argument, "all", "Full", environment, baseUrl: nodeB, data: Path.Combine(root, "b"));
        try
        {
            var (key, emailTemplate, smsTemplate) = await CreateServiceAsync(nodeA);
            await using var load = new ChaosLoad([nodeA, nodeB], key, emailTemplate, smsTemplate, settings.Rate);
            load.Start();
            Log("load started");
            var restartsToReady = new List<double>();
            // One fault every FaultGap, however long a restart takes, so the run stays bounded.
            var nextFault = _clock.Elapsed;
            foreach (var fault in faults)
            {
                nextFault += settings.FaultGap;
                if (nextFault > _clock.Elapsed)
                {
                    await Task.Delay(nextFault - _clock.Elapsed);
                }

                if (fault == Fault.Kill)
                {
                    await b.KillAsync();
                    var killed = _clock.Elapsed;
                    b = await HeraldServer.StartAsync(database.Argument, "all", "Full", environment, baseUrl: nodeB, data: Path.Combine(root, "b"));
                    restartsToReady.Add((_clock.Elapsed - killed).TotalSeconds);
                    Log($"node B SIGKILLed and restarted (ready after {restartsToReady[^1]:F1} s)");
                }
                else
                {
                    load.DatabaseDown = true;
                    await PostgresAsync("postgres_crash");
                    Log("PostgreSQL crashed (immediate shutdown)");
                    await Task.Delay(settings.DatabaseDown);
                    await PostgresAsync("postgres_resume");
                    load.DatabaseDown = false;
                    Log("PostgreSQL back");
                }
            }

            var lastFault = _clock.Elapsed;
            await Task.Delay(TimeSpan.FromSeconds(5));
            await load.StopAsync();
            Log($"load stopped after {load.Requests:N0} requests");
            var settled = await SettleAsync(database.Argument, load.Accepted.Values.ToHashSet());
            var settleTime = settled is null ? (double?)null : (settled.Value - lastFault).TotalSeconds;
            return await ReportAsync(load, fakes, database.Argument, settleTime, restartsToReady);
        }
        finally
        {
            await a.DisposeAsync();
            await b.DisposeAsync();
            Directory.Delete(root, recursive: true);
        }
    }

    private enum Fault
    {
        Kill,
        DatabaseRestart,
    }

    /// <summary>The kills, with the database restarts spread evenly among them.</summary>
    private List<Fault> Schedule()
    {
        var total = settings.Kills + settings.DatabaseRestarts;
        var restartsAt = Enumerable.Range(1, settings.DatabaseRestarts).Select(j => j * total / (settings.DatabaseRestarts + 1)).ToHashSet();
        var faults = new List<Fault>();
        var kills = 0;
        for (var i = 0; i < total; i++)
        {
            var restart = restartsAt.Contains(i) || kills == settings.Kills;
            faults.Add(restart ? Fault.DatabaseRestart : Fault.Kill);
            kills += restart ? 0 : 1;
        }

        return faults;
    }

    private static Dictionary<string, string> Environment(ProviderFakes fakes, string nodeA) => new()
    {
        ["HERALD_DELIVERY__EMAILPROVIDER"] = "mailgun",
        ["HERALD_PROVIDERS__MAILGUN__APIKEY"] = fakes.Options.MailgunApiKey,
        ["HERALD_PROVIDERS__MAILGUN__DOMAIN"] = "mg.chaos.example",
        ["HERALD_PROVIDERS__MAILGUN__BASEURL"] = fakes.BaseUrl,
        ["HERALD_PROVIDERS__MAILGUN__WEBHOOKSIGNINGKEY"] = fakes.Options.MailgunSigningKey,
        ["HERALD_DELIVERY__SMSPROVIDER"] = "twilio",
        ["HERALD_PROVIDERS__TWILIO__ACCOUNTSID"] = fakes.Options.TwilioAccountSid,
        ["HERALD_PROVIDERS__TWILIO__AUTHTOKEN"] = fakes.Options.TwilioAuthToken,
        ["HERALD_PROVIDERS__TWILIO__BASEURL"] = fakes.BaseUrl,

        // One key ring key for both nodes, as a deployment of several nodes must have.
        ["HERALD_KEYRING__KEY"] = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32)),

        // Status callbacks go to node A, which is never killed: the fakes do not retry a webhook.
        ["HERALD_PROVIDERS__TWILIO__PUBLICURL"] = nodeA,
        ["HERALD_QUEUE__MAXINFLIGHT"] = ChaosSettings.MaxInFlight.ToString(CultureInfo.InvariantCulture),
        ["HERALD_QUEUE__BATCHSIZE"] = "50",

        // Retries a second apart rather than Herald's 5 minutes, so a run settles in seconds.
        ["HERALD_QUEUE__BACKOFF__delivery.email"] = "0s,30*1s",
        ["HERALD_QUEUE__BACKOFF__delivery.sms"] = "0s,30*1s",
        ["HERALD_QUEUE__BACKOFF__receipts.process"] = "30*1s",
        ["HERALD_QUEUE__POLLINTERVAL"] = "00:00:01",
    };

    private static async Task<(string Key, Guid Email, Guid Sms)> CreateServiceAsync(string node)
    {
        using var client = new HttpClient { BaseAddress = new Uri(node) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", HeraldServer.AdminToken);
        async Task<JsonElement> PostAsync(string path, object body)
        {
            using var response = await client.PostAsJsonAsync(path, body);
            var text = await response.Content.ReadAsStringAsync();
            return response.IsSuccessStatusCode ? JsonDocument.Parse(text).RootElement.Clone() : throw new InvalidOperationException($"{path}: {text}");
        }

        var service = (await PostAsync("/admin/api/services", new
        {
            name = "Chaos",
            email_from = "chaos@chaos.example",
            sms_sender = "Chaos",
            rate_limit = 10_000_000,
            email_daily_limit = 10_000_000,
            sms_daily_limit = 10_000_000,
        })).GetProperty("id").GetString();
        var email = (await PostAsync($"/admin/api/services/{service}/templates", new { name = "Chaos email", type = "email", subject = "Chaos", body = "Token ((token))" })).GetProperty("id").GetGuid();
        var sms = (await PostAsync($"/admin/api/services/{service}/templates", new { name = "Chaos SMS", type = "sms", body = "Token ((token))" })).GetProperty("id").GetGuid();
        var key = (await PostAsync($"/admin/api/services/{service}/api-keys", new { name = "chaos", key_type = "normal" })).GetProperty("key").GetString()!;
        return (key, email, sms);
    }

    /// <summary>
    /// Settled: every accepted notification has left <c>created</c> (its provider accepted it, or it
    /// failed for good) and no delivery or receipt work is left in the queue. Null if not in time.
    /// </summary>
    private async Task<TimeSpan?> SettleAsync(string database, HashSet<Guid> accepted)
    {
        var deadline = _clock.Elapsed + settings.SettleLimit;
        while (_clock.Elapsed < deadline)
        {
            try
            {
                await using var connection = new NpgsqlConnection(database);
                await connection.OpenAsync();
                await using var command = new NpgsqlCommand("""
                    SELECT (SELECT count(*) FROM notifications WHERE id = ANY(@ids) AND status <> 'created'),
                           (SELECT count(*) FROM queue_items WHERE state = 0 AND (kind LIKE 'delivery.%' OR kind = 'receipts.process'))
                    """, connection);
                command.Parameters.AddWithValue("ids", accepted.ToArray());
                await using var reader = await command.ExecuteReaderAsync();
                await reader.ReadAsync();
                if (reader.GetInt64(0) == accepted.Count && reader.GetInt64(1) == 0)
                {
                    return _clock.Elapsed;
                }
            }
            catch (NpgsqlException)
            {
            }

            await Task.Delay(250);
        }

        return null;
    }

    private async Task<bool> ReportAsync(ChaosLoad load, ProviderFakes fakes, string database, double? settleTime, List<double> restartsToReady)
    {
        var stored = new Dictionary<Guid, string>();
        int dead;
        await using (var connection = new NpgsqlConnection(database))
        {
            await connection.OpenAsync();
            await using (var command = new NpgsqlCommand("SELECT id, status FROM notifications WHERE id = ANY(@ids)", connection))
            {
                command.Parameters.AddWithValue("ids", load.Accepted.Values.ToArray());
                await using var reader = await command.ExecuteReaderAsync();
                while (await reader.ReadAsync())
                {
                    stored[reader.GetGuid(0)] = reader.GetString(1);
                }
            }

            await using var deadItems = new NpgsqlCommand("SELECT count(*) FROM queue_items WHERE state = 1 AND kind LIKE 'delivery.%'", connection);
            dead = (int)(long)(await deadItems.ExecuteScalarAsync())!;
        }

        var statuses = stored.Values.GroupBy(s => s, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);

        // What reached a provider, by token: a token twice is a message sent twice.
        var sends = fakes.Mailgun.Messages.Concat(fakes.Twilio.Messages)
            .Select(m => Token().Match(m.Body))
            .Where(m => m.Success)
            .GroupBy(m => m.Value, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);

        // Lost: accepted, and then neither stored, nor sent, nor failed for good where the sender can see it.
        var missing = load.Accepted.Count(p => !stored.ContainsKey(p.Value));
        var unsent = load.Accepted.Count(p => stored.TryGetValue(p.Value, out var status) && !sends.ContainsKey(p.Key) && !status.EndsWith("-failure", StringComparison.Ordinal));
        var lost = missing + unsent + dead;
        var twice = sends.Count(s => s.Value > 1);
        var inFlightBound = (settings.Kills + 2 * settings.DatabaseRestarts) * ChaosSettings.MaxInFlight;
        var serverErrors = load.Outcomes.Where(o => o.Key.StartsWith('5') && o.Key != "503").Sum(o => o.Value);
        var receipts = fakes.Mailgun.Receipts.Concat(fakes.Twilio.Receipts).ToList();
        var receipt500s = receipts.Count(r => r.StatusCode >= 500 && r.StatusCode != 503);
        var downTotal = load.OutcomesWhileDatabaseDown.Values.Sum();

        Console.WriteLine();
        Console.WriteLine($"requests:           {load.Requests:N0} ({Describe(load.Outcomes)})");
        Console.WriteLine($"accepted:           {load.Accepted.Count:N0}");
        Console.WriteLine($"final by status:    {Describe(statuses)}");
        Console.WriteLine($"lost:               {lost} (accepted but not stored: {missing}; never reached a provider and not failed: {unsent}; dead delivery items: {dead})");
        Console.WriteLine($"sent twice:         {twice} (bound: {inFlightBound}, the in-flight window of {ChaosSettings.MaxInFlight} claims per kill and per node per database crash)");
        Console.WriteLine($"settled after the last fault: {(settleTime is { } s ? $"{s:F1} s" : $"NOT within {settings.SettleLimit.TotalSeconds:F0} s")} (5 s of it the load still running)");
        Console.WriteLine($"node B ready after restart: {(restartsToReady.Count == 0 ? "-" : $"median {Stats.Median(restartsToReady):F1} s, max {restartsToReady.Max():F1} s")}");
        Console.WriteLine($"while PostgreSQL was down: {downTotal:N0} requests ({Describe(load.OutcomesWhileDatabaseDown)}); " +
            $"error rate {(downTotal == 0 ? 0 : (double)(downTotal - load.OutcomesWhileDatabaseDown.GetValueOrDefault("201")) / downTotal):P0}");
        Console.WriteLine($"500s answered:      {serverErrors} to the API, {receipt500s} to provider webhooks ({receipts.Count(r => r.StatusCode == 503)} webhooks answered 503, not retried by the fakes)");
        foreach (var error in load.ServerErrors)
        {
            Console.WriteLine($"  {error}");
        }

        var ok = lost == 0 && serverErrors == 0 && receipt500s == 0 && settleTime is not null && twice <= inFlightBound;
        Console.WriteLine(ok ? "chaos run passed" : "CHAOS RUN FAILED");
        return ok;
    }

    private static string Describe(IReadOnlyDictionary<string, int> counts) =>
        counts.Count == 0 ? "none" : string.Join(", ", counts.OrderByDescending(c => c.Value).Select(c => $"{c.Key} {c.Value:N0}"));

    private static string Describe(Dictionary<string, int> counts) => Describe((IReadOnlyDictionary<string, int>)counts);

    /// <summary>Runs a function of scripts/lib/postgres.sh on the server scripts/chaos started.</summary>
    private static async Task PostgresAsync(string function)
    {
        var script = System.Environment.GetEnvironmentVariable("HERALD_CHAOS_POSTGRES_SH")
            ?? throw new InvalidOperationException("HERALD_CHAOS_POSTGRES_SH is not set: run scripts/chaos, which starts the PostgreSQL server it restarts.");
        using var process = Process.Start(new ProcessStartInfo("bash", ["-c", $"source \"$0\" && {function}", script]) { UseShellExecute = false })!;
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{function} failed ({process.ExitCode})");
        }
    }

    private void Log(string message) => Console.WriteLine($"  [{_clock.Elapsed.TotalSeconds,6:F1} s] {message}");

    private static string FreePort()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port.ToString(CultureInfo.InvariantCulture);
    }

    [GeneratedRegex("chaos-[0-9]{7}")]
    private static partial Regex Token();
}
