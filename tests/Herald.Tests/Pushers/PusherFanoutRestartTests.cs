using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Herald.Cli;
using Herald.Storage;
using Herald.Tests.Delivery;
using Herald.Tests.Fixtures;
using Xunit.Abstractions;

namespace Herald.Tests.Pushers;

/// <summary>
/// The real <c>herald serve</c> is killed with SIGKILL in the middle of fanning several events out
/// to many users' HTTP pushers, then started again on the same database and data directory. Every
/// pusher gets every event, in stream order; only a push whose progress had not been committed
/// at the kill goes twice: at most one per pusher, and no more in all than the pusher steps in
/// progress at once (<c>Pushers:MaxConcurrentSteps</c>). Runs with the other process-killing
/// tests, alone.
/// </summary>
[Collection(nameof(DeliveryRestartTests))]
public sealed partial class PusherFanoutRestartTests(ITestOutputHelper output)
{
    private const string AdminToken = "fanout-restart-admin-token-0123456789";
    private const string Room = "!room:example.org";
    private const int Users = 150;
    private const int Events = 6;
    private const int MaxConcurrentSteps = 16;
    private const int MaxConcurrentPushes = 8;

    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task A_SIGKILL_mid_fan_out_and_a_restart_deliver_every_event_once_per_pusher_in_order(DatabaseProvider provider)
    {
        // 8 calls at 20 ms each: at most about 400 pushes/s, so the 900 pushes are still being
        // sent after the last POST is answered.
        await using var gateway = await PushGatewayFake.StartAsync();
        gateway.Delay = TimeSpan.FromMilliseconds(20);
        await using var database = await TestDatabase.CreateAsync(provider);
        var data = Directory.CreateTempSubdirectory("herald-fanout-restart-");
        var victimOutput = new StringBuilder();
        var successorOutput = new StringBuilder();
        using var victim = StartHerald(database, data.FullName, victimOutput);
        Process? successor = null;
        try
        {
            using var api = await ApiAsync(victim, victimOutput);
            var key = await CreateServiceKeyAsync(api);
            var users = Enumerable.Range(0, Users).Select(i => $"@user{i}:example.org").ToArray();
            foreach (var user in users)
            {
                await PostAsync(api, key, $"/v2/push/users/{Uri.EscapeDataString(user)}/pushers", new
                {
                    kind = "http",
                    app_id = "com.example.chat",
                    pushkey = $"key-{user}",
                    app_display_name = "Chat",
                    device_display_name = "Phone",
                    lang = "en",
                    data = new { url = gateway.Url },
                });
            }

            // Every event is committed (its POST answered) before the kill; the kill comes once a
            // fifth of the pushes have reached the gateway.
            var orderings = new List<(long Ordering, string Id)>();
            for (var i = 0; i < Events; i++)
            {
                var id = $"$e{i}";
                var created = await PostAsync(api, key, "/v2/push/events", new
                {
                    room_id = Room,
                    event_id = id,
                    type = "m.room.message",
                    sender = "@alice:example.org",
                    content = new { msgtype = "m.text", body = "hello " + id },
                    recipients = users.Select(u => new { user_id = u }).ToArray(),
                });
                orderings.Add((created.GetProperty("stream_ordering").GetInt64(), id));
            }

            var expected = orderings.OrderBy(o => o.Ordering).Select(o => o.Id).ToList();
            const int total = Users * Events;
            await Eventually.TrueAsync(() => Task.FromResult(Exited(victim, victimOutput) || gateway.Delivered.Count >= total / 5),
                "a fifth of the pushes at the gateway", TimeSpan.FromSeconds(120));
            victim.Kill();
            await victim.WaitForExitAsync();
            var atKill = gateway.Delivered.Count;
            output.WriteLine($"{provider}: SIGKILL after {atKill} of {total} pushes reached the gateway");
            Assert.True(atKill < total, "the fan-out had finished before the kill; the test proved nothing");

            var restarted = StartHerald(database, data.FullName, successorOutput);
            successor = restarted;
            using var restartedApi = await ApiAsync(restarted, successorOutput);
            await Eventually.TrueAsync(() => Task.FromResult(Exited(restarted, successorOutput) || First(gateway).Values.Sum(e => e.Count) >= total),
                "every event at every pusher after the restart", TimeSpan.FromSeconds(120));

            var received = ByPushkey(gateway);
            var repeats = received.ToDictionary(r => r.Key, r => r.Value.Count - r.Value.Distinct().Count());
            output.WriteLine($"{provider}: {gateway.Delivered.Count} notifications for {total} pushes; sent twice: {repeats.Values.Sum()} " +
                $"(bound: one per pusher and {MaxConcurrentSteps} in all, the steps in progress at once)");
            Assert.Equal(users.Select(u => $"key-{u}").Order(), received.Keys.Order());
            Assert.All(received.Values, events => Assert.Equal(expected, events.Distinct().ToList()));
            Assert.All(received.Values, events => Assert.Equal(expected, Collapsed(events)));
            Assert.All(repeats.Values, n => Assert.InRange(n, 0, 1));
            Assert.InRange(repeats.Values.Sum(), 0, MaxConcurrentSteps);
        }
        finally
        {
            if (!victim.HasExited)
            {
                victim.Kill();
                await victim.WaitForExitAsync();
            }

            if (successor is not null)
            {
                if (!successor.HasExited)
                {
                    successor.Kill();
                    await successor.WaitForExitAsync();
                }

                successor.Dispose();
            }

            output.WriteLine("--- first process ---\n" + Read(victimOutput) + "--- second process ---\n" + Read(successorOutput));
            data.Delete(recursive: true);
        }
    }

    /// <summary>Each pusher's events as the gateway received them, in arrival order.</summary>
    private static Dictionary<string, List<string>> ByPushkey(PushGatewayFake gateway) =>
        gateway.Delivered
            .Where(n => n["notification"]?["event_id"] is not null)
            .GroupBy(n => n["notification"]!["devices"]![0]!["pushkey"]!.GetValue<string>())
            .ToDictionary(g => g.Key, g => g.Select(n => n["notification"]!["event_id"]!.GetValue<string>()).ToList());

    private static Dictionary<string, List<string>> First(PushGatewayFake gateway) =>
        ByPushkey(gateway).ToDictionary(r => r.Key, r => r.Value.Distinct().ToList());

    /// <summary>The events with a repeat of the one just before dropped: a resend after a restart repeats the push in flight, never an older one.</summary>
    private static List<string> Collapsed(List<string> events) => [.. events.Where((e, i) => i == 0 || events[i - 1] != e)];

    private static Process StartHerald(TestDatabase database, string data, StringBuilder output)
    {
        var environment = new Dictionary<string, string>
        {
            ["HERALD_ADMIN_TOKEN"] = AdminToken,
            ["HERALD_ALLOWPRIVATETARGETS"] = "true",
            ["HERALD_PUSHERS__MAXCONCURRENTSTEPS"] = MaxConcurrentSteps.ToString(CultureInfo.InvariantCulture),
            ["HERALD_PUSHERS__MAXCONCURRENTPUSHES"] = MaxConcurrentPushes.ToString(CultureInfo.InvariantCulture),
            ["HERALD_PUSHERS__LEASEDURATION"] = "00:00:05",
            ["HERALD_PUSHERS__SWEEPINTERVAL"] = "00:00:01",
            ["HERALD_LOGGING__LOGLEVEL__DEFAULT"] = "Warning",
            ["HERALD_LOGGING__LOGLEVEL__MICROSOFT.HOSTING.LIFETIME"] = "Information",
        };
        return HeraldProcess.Start(HeraldProcess.HeraldDll,
            ["serve", "--urls", "http://127.0.0.1:0", "--data", data, "--database", database.DatabaseArgument], output, environment);
    }

    private static async Task<HttpClient> ApiAsync(Process herald, StringBuilder output)
    {
        string? address = null;
        await Eventually.TrueAsync(() =>
        {
            Assert.False(Exited(herald, output), "herald exited before it listened:\n" + Read(output));
            address = ListeningOn().Match(Read(output)) is { Success: true } match ? match.Groups[1].Value : null;
            return Task.FromResult(address is not null);
        }, "herald is listening", TimeSpan.FromSeconds(60));
        return new HttpClient { BaseAddress = new Uri(address!), Timeout = TimeSpan.FromSeconds(60) };
    }

    private static async Task<string> CreateServiceKeyAsync(HttpClient api)
    {
        async Task<JsonElement> AdminPostAsync(string path, object body)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = JsonContent.Create(body) };
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", AdminToken);
            using var response = await api.SendAsync(request);
            return await HeraldApp.ExpectAsync(response, 201);
        }

        var service = (await AdminPostAsync("/admin/api/services", new { name = "Fan-out restart", rate_limit = 1_000_000 })).GetProperty("id").GetGuid();
        return (await AdminPostAsync($"/admin/api/services/{service}/api-keys", new { name = "push", key_type = "normal" })).GetProperty("key").GetString()!;
    }

    private static async Task<JsonElement> PostAsync(HttpClient api, string key, string path, object body)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = JsonContent.Create(body) };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", NotifyTokenSigner.Sign(key, TimeProvider.System.GetUtcNow()));
        using var response = await api.SendAsync(request);
        return await HeraldApp.ExpectAsync(response, 201);
    }

    private static bool Exited(Process process, StringBuilder output) =>
        process.HasExited ? throw new InvalidOperationException($"herald exited with {process.ExitCode}:\n{Read(output)}") : false;

    private static string Read(StringBuilder output)
    {
        lock (output)
        {
            return output.ToString();
        }
    }

    [GeneratedRegex(@"Now listening on: (http://\S+)")]
    private static partial Regex ListeningOn();
}
