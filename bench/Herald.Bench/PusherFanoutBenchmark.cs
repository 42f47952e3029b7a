using System.Diagnostics;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Herald.Cli;
using Herald.Fakes;
using Herald.Hosting;
using Herald.Pushers;
using Herald.Storage;
using Herald.Settings;

namespace Herald.Bench;

/// <summary>
/// Fan-out of one event to many users' HTTP pushers: a <c>herald serve</c> (role all) with one
/// HTTP pusher per user pointing at the Matrix push gateway fake; one event is posted with every
/// user as a recipient (above the API's 10,000 recipients per event, as many events of 10,000
/// as it takes, posted at once), and each notify's arrival at the fake is timed from the POST. One
/// unmeasured event to 1,000 users first warms Herald (JIT, connections, pusher loops). The
/// baseline is a raw HttpClient posting the same number of notify requests to the same fake from a
/// fixed number of loops.
/// </summary>
internal sealed class PusherFanoutBenchmark(DatabaseProvider provider, BenchSettings settings, ProviderFakes fakes, int users, int concurrency) : IAsyncDisposable
{
    private BenchDatabase? _database;
    private HeraldServer? _server;
    private HttpClient? _client;
    private string _key = "";
    private int _events;
    private int _warnings;

    public Uri NotifyUrl => new($"{fakes.BaseUrl}/_matrix/push/v1/notify");

    /// <summary>Creates the database, the service and its key, the pushers, starts Herald and fans out one unmeasured event.</summary>
    public async Task StartAsync()
    {
        _database = await BenchDatabase.CreateAsync(provider, settings.PostgresServer);
        Guid serviceId;
        await using (var api = await HeraldServer.StartAsync(_database.Argument, "api", settings.Durability.ToString()))
        {
            using var admin = new HttpClient { BaseAddress = new Uri(api.BaseUrl) };
            admin.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", HeraldServer.AdminToken);
            var service = await PostAdminAsync(admin, "/admin/api/services", new { name = "Bench", rate_limit = 100_000_000 });
            serviceId = Guid.Parse(service.GetProperty("id").GetString()!);
            _key = (await PostAdminAsync(admin, $"/admin/api/services/{serviceId}/api-keys", new { name = "bench", key_type = "normal" })).GetProperty("key").GetString()!;
        }

        await SeedPushersAsync(serviceId);
        var environment = new Dictionary<string, string> { ["HERALD_ALLOWPRIVATETARGETS"] = "true" };
        _server = await HeraldServer.StartAsync(_database.Argument, "all", settings.Durability.ToString(), environment, line =>
        {
            if (line.Contains("fail:", StringComparison.Ordinal) || (line.Contains("warn:", StringComparison.Ordinal) && Interlocked.Increment(ref _warnings) <= 3))
            {
                Console.Error.WriteLine($"  herald: {line}");
            }
        });
        _client = new HttpClient(new SocketsHttpHandler { PooledConnectionLifetime = Timeout.InfiniteTimeSpan })
        {
            BaseAddress = new Uri(_server.BaseUrl),
            Timeout = TimeSpan.FromMinutes(5),
        };
        _ = await FanOutAsync(Math.Min(users, 1_000));
    }

    /// <summary>The most recipients the API takes in one event.</summary>
    private const int MaxRecipients = 10_000;

    /// <summary>
    /// Posts one event to the first <paramref name="recipients"/> users and waits for every notify:
    /// pushes/s from the POST to the last notify, latency percentiles and maximum (ms), the POST's
    /// answer time (the slowest, when the recipients took several events), Herald's database round
    /// trips during the fan-out and its peak resident memory so far.
    /// </summary>
    public async Task<FanoutResult> FanOutAsync(int recipients)
    {
        fakes.Matrix.Reset();
        var roundTripsBefore = await RoundTripsAsync();
        var bodies = new List<byte[]>();
        for (var start = 0; start < recipients; start += MaxRecipients)
        {
            var from = start;
            bodies.Add(Encoding.UTF8.GetBytes(JsonSerializer.Serialize(new
            {
                room_id = "!room:bench",
                event_id = $"$bench{++_events}",
                type = "m.room.message",
                sender = "@sender:bench",
                content = new { msgtype = "m.text", body = "fan-out" },
                recipients = Enumerable.Range(from, Math.Min(MaxRecipients, recipients - from)).Select(i => new { user_id = $"@user{i}:bench" }),
            })));
        }

        var token = NotifyTokenSigner.Sign(_key, TimeProvider.System.GetUtcNow());
        var posted = TimeProvider.System.GetUtcNow();
        var watch = Stopwatch.StartNew();
        var answered = await Task.WhenAll(bodies.Select(async body =>
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/v2/push/events") { Content = new ByteArrayContent(body) };
            request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            using var response = await _client!.SendAsync(request);
            if ((int)response.StatusCode != 201)
            {
                throw new InvalidOperationException($"event not accepted: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
            }

            return watch.Elapsed.TotalMilliseconds;
        }));
        var postMs = answered.Max();
        // A notify the gateway received but Herald gave up waiting for is sent again: each user counts once, at its first arrival.
        var first = new Dictionary<string, DateTimeOffset>(StringComparer.Ordinal);
        var seen = 0;
        while (first.Count < recipients)
        {
            if (watch.Elapsed > TimeSpan.FromMinutes(5))
            {
                throw new TimeoutException($"{first.Count} of {recipients} recipients notified in 5 minutes");
            }

            await Task.Delay(100);
            var requests = fakes.Matrix.Requests;
            for (; seen < requests.Count; seen++)
            {
                var key = PushkeyOf(requests[seen].Body);
                if (!first.TryGetValue(key, out var at) || requests[seen].ReceivedAt < at)
                {
                    first[key] = requests[seen].ReceivedAt;
                }
            }
        }

        var latencies = first.Values.Select(at => (at - posted).TotalMilliseconds).ToList();
        var last = latencies.Max();

        // Notifies that arrive late (sent twice) are counted after a short settle.
        await Task.Delay(500);
        var repeats = fakes.Matrix.Requests.Count - recipients;
        var roundTrips = await RoundTripsAsync() - roundTripsBefore;
        return new FanoutResult(latencies.Count / (last / 1000), Stats.Percentile(latencies, 50), Stats.Percentile(latencies, 99), last, postMs,
            fakes.Matrix.PeakConcurrentCalls, repeats, roundTrips * 1000.0 / recipients, _server!.PeakMemoryMiB());
    }

    /// <summary>Herald's database round trips so far (<c>herald.db.round_trips</c> on <c>/metrics</c>), or NaN when it does not count them.</summary>
    private async Task<double> RoundTripsAsync()
    {
        if (_client is null)
        {
            return double.NaN;
        }

        var text = await _client.GetStringAsync("/metrics");
        var total = double.NaN;
        foreach (var line in text.Split('\n'))
        {
            if (line.StartsWith("herald_db_round_trips", StringComparison.Ordinal))
            {
                total = (double.IsNaN(total) ? 0 : total) + double.Parse(line[(line.LastIndexOf(' ') + 1)..], System.Globalization.CultureInfo.InvariantCulture);
            }
        }

        return total;
    }

    /// <summary>As many notify requests as <paramref name="count"/> posted straight to the fake from <c>concurrency</c> loops: requests/s.</summary>
    public async Task<double> BaselineAsync(int count)
    {
        fakes.Matrix.Reset();
        using var client = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = concurrency, PooledConnectionLifetime = Timeout.InfiniteTimeSpan });
        var next = -1;
        var watch = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, concurrency).Select(loop => Task.Run(async () =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < count)
            {
                var body = JsonSerializer.Serialize(new
                {
                    notification = new
                    {
                        event_id = "$baseline",
                        room_id = "!room:bench",
                        type = "m.room.message",
                        sender = "@sender:bench",
                        content = new { msgtype = "m.text", body = "fan-out" },
                        counts = new { unread = 1 },
                        devices = new[] { new { app_id = "bench", pushkey = $"key{i}", pushkey_ts = 0, data = new { } } },
                    },
                });
                using var content = new StringContent(body, Encoding.UTF8, "application/json");
                using var response = await client.PostAsync(NotifyUrl, content);
                using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
                if (!json.RootElement.TryGetProperty("rejected", out _))
                {
                    throw new InvalidOperationException("the fake answered without rejected");
                }
            }
        })));
        return count / watch.Elapsed.TotalSeconds;
    }

    private static string PushkeyOf(string body)
    {
        const string Field = "\"pushkey\":\"";
        var start = body.IndexOf(Field, StringComparison.Ordinal) + Field.Length;
        return body[start..body.IndexOf('"', start)];
    }

    public async ValueTask DisposeAsync()
    {
        _client?.Dispose();
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }

        if (_database is not null)
        {
            await _database.DisposeAsync();
        }
    }

    /// <summary>One HTTP pusher per user, inserted straight into the database before Herald's worker starts.</summary>
    private async Task SeedPushersAsync(Guid serviceId)
    {
        var overrides = new Dictionary<string, string?>
        {
            ["Database"] = _database!.Argument,
            ["Urls"] = "http://127.0.0.1:0",
            ["Role"] = nameof(HeraldRole.Api),
            ["Logging:LogLevel:Default"] = "Warning",
        };
        var app = HeraldHost.Build(overrides);
        await using (app)
        {
            var database = app.Services.GetRequiredService<HeraldDatabase>();
            var data = JsonSerializer.Serialize(new { url = NotifyUrl.ToString() });
            for (var start = 0; start < users; start += 5_000)
            {
                await using var context = database.CreateContext();
                context.ChangeTracker.AutoDetectChangesEnabled = false;
                for (var i = start; i < Math.Min(users, start + 5_000); i++)
                {
                    context.Pushers.Add(new PusherRecord
                    {
                        Id = Guid.NewGuid(), ServiceId = serviceId, UserId = $"@user{i}:bench", Kind = PusherKinds.Http, AppId = "bench", Pushkey = $"key{i}",
                        Data = data, LastStreamOrdering = 0,
                    });
                }

                await context.SaveChangesAsync();
            }
        }
    }

    private static async Task<JsonElement> PostAdminAsync(HttpClient client, string path, object body)
    {
        using var response = await client.PostAsJsonAsync(path, body);
        var text = await response.Content.ReadAsStringAsync();
        return response.IsSuccessStatusCode ? JsonDocument.Parse(text).RootElement.Clone() : throw new InvalidOperationException($"{path}: {text}");
    }
}
