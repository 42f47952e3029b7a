using System.Diagnostics;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Herald.Cli;
using Herald.Queue;
using Herald.Storage;

namespace Herald.Bench;

/// <summary>
/// POST /v2/notifications/email over real HTTP against a <c>herald serve --role api</c> process:
/// the highest sustained accept rate with many connections, latency at a steady rate, peak memory,
/// and the baseline: single-row queue inserts, each committed, from 8 connections on the same database.
/// </summary>
internal sealed class ApiBenchmark(DatabaseProvider provider, BenchSettings settings, int connections, int seconds)
{
    public async Task<(double Rate, double P50, double P99, double MemoryMiB)> SaturateAsync()
    {
        await using var database = await BenchDatabase.CreateAsync(provider, settings.PostgresServer);
        await using var server = await HeraldServer.StartAsync(database.Argument, "api", settings.Durability.ToString());
        var (client, request) = await PrepareAsync(server, connections);
        using (client)
        {
            var latencies = new List<double>();
            var accepted = 0L;
            var watch = Stopwatch.StartNew();
            var end = TimeSpan.FromSeconds(seconds);
            await Task.WhenAll(Enumerable.Range(0, connections).Select(_ => Task.Run(async () =>
            {
                var local = new List<double>();
                while (watch.Elapsed < end)
                {
                    var start = Stopwatch.GetTimestamp();
                    if (await PostAsync(client, request))
                    {
                        Interlocked.Increment(ref accepted);
                    }

                    local.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
                }

                lock (latencies)
                {
                    latencies.AddRange(local);
                }
            })));
            var rate = accepted / watch.Elapsed.TotalSeconds;
            return (rate, Stats.Percentile(latencies, 50), Stats.Percentile(latencies, 99), server.PeakMemoryMiB());
        }
    }

    public async Task<(double P50, double P99, double Achieved)> SteadyAsync(int rate)
    {
        await using var database = await BenchDatabase.CreateAsync(provider, settings.PostgresServer);
        await using var server = await HeraldServer.StartAsync(database.Argument, "api", settings.Durability.ToString());
        var (client, request) = await PrepareAsync(server, connections);
        using (client)
        {
            var total = rate * seconds;
            var interval = TimeSpan.FromSeconds(1.0 / rate);
            var latencies = new List<double>();
            var start = Stopwatch.GetTimestamp();
            const int senders = 32;
            await Task.WhenAll(Enumerable.Range(0, senders).Select(s => Task.Run(async () =>
            {
                var local = new List<double>();
                for (var i = s; i < total; i += senders)
                {
                    var wait = (interval * i) - Stopwatch.GetElapsedTime(start);
                    if (wait > TimeSpan.Zero)
                    {
                        await Task.Delay(wait);
                    }

                    var sent = Stopwatch.GetTimestamp();
                    await PostAsync(client, request);
                    if (i >= rate)
                    {
                        local.Add(Stopwatch.GetElapsedTime(sent).TotalMilliseconds);
                    }
                }

                lock (latencies)
                {
                    latencies.AddRange(local);
                }
            })));
            var achieved = total / Stopwatch.GetElapsedTime(start).TotalSeconds;
            return (Stats.Percentile(latencies, 50), Stats.Percentile(latencies, 99), achieved);
        }
    }

    /// <summary>Single-row INSERT into queue_items, each committed on its own, from 8 connections for 3 s.</summary>
    public async Task<double> BaselineAsync()
    {
        await using var database = await BenchDatabase.CreateAsync(provider, settings.PostgresServer);
        var target = DatabaseTarget.Parse(database.Argument, ".", settings.Durability);
        await using var heraldDatabase = new HeraldDatabase(target);
        var migrator = new DatabaseMigrator(heraldDatabase, Microsoft.Extensions.Logging.Abstractions.NullLogger<DatabaseMigrator>.Instance);
        await migrator.MigrateAsync(CancellationToken.None);
        var store = QueueStoreFactory.Create(heraldDatabase);
        var rows = 0L;
        var watch = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(async () =>
        {
            await using var connection = await heraldDatabase.OpenConnectionAsync(CancellationToken.None);
            NewQueueItem[] item = [new NewQueueItem("bench.baseline", "{}")];
            while (watch.Elapsed < TimeSpan.FromSeconds(3))
            {
                if (provider == DatabaseProvider.Sqlite)
                {
                    using var gate = await heraldDatabase.WriteGate.EnterAsync(CancellationToken.None);
                    await store.InsertAsync(connection, null, item, 0, CancellationToken.None);
                }
                else
                {
                    await store.InsertAsync(connection, null, item, 0, CancellationToken.None);
                }

                Interlocked.Increment(ref rows);
            }
        })));
        return rows / watch.Elapsed.TotalSeconds;
    }

    /// <summary>A client for <paramref name="server"/> with a service, an email template and a live key, and a factory of send requests.</summary>
    internal static async Task<(HttpClient Client, Func<HttpRequestMessage> Request)> PrepareAsync(HeraldServer server, int connections)
    {
        var client = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = connections, PooledConnectionLifetime = Timeout.InfiniteTimeSpan })
        {
            BaseAddress = new Uri(server.BaseUrl),
        };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", HeraldServer.AdminToken);
        var service = await PostAdminAsync(client, "/admin/api/services", new { name = "Bench", rate_limit = 100_000_000, email_daily_limit = 100_000_000 });
        var serviceId = service.GetProperty("id").GetString();
        var template = await PostAdminAsync(client, $"/admin/api/services/{serviceId}/templates",
            new { name = "Bench", type = "email", subject = "Hello ((name))", body = "Dear ((name)),\n\nYour reference is ((ref)).\n\n* one\n* two" });
        var key = (await PostAdminAsync(client, $"/admin/api/services/{serviceId}/api-keys", new { name = "bench", key_type = "normal" })).GetProperty("key").GetString()!;
        client.DefaultRequestHeaders.Authorization = null;
        var body = Encoding.UTF8.GetBytes(JsonSerializer.Serialize(new
        {
            email_address = "reader@example.com",
            template_id = template.GetProperty("id").GetString(),
            personalisation = new { name = "Ada", @ref = "REF-123" },
            reference = "bench",
        }));

        // A token is good for 30 s; runs are shorter, and each request gets a fresh one anyway
        // when the second changes, as a client library would.
        var token = NotifyTokenSigner.Sign(key, TimeProvider.System.GetUtcNow());
        var tokenAt = Stopwatch.GetTimestamp();
        HttpRequestMessage Request()
        {
            if (Stopwatch.GetElapsedTime(tokenAt) > TimeSpan.FromSeconds(10))
            {
                token = NotifyTokenSigner.Sign(key, TimeProvider.System.GetUtcNow());
                tokenAt = Stopwatch.GetTimestamp();
            }

            var request = new HttpRequestMessage(HttpMethod.Post, "/v2/notifications/email") { Content = new ByteArrayContent(body) };
            request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            return request;
        }

        return (client, Request);
    }

    internal static async Task<bool> PostAsync(HttpClient client, Func<HttpRequestMessage> request)
    {
        using var message = request();
        using var response = await client.SendAsync(message);
        if ((int)response.StatusCode != 201)
        {
            Console.Error.WriteLine($"  unexpected {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
            return false;
        }

        return true;
    }

    internal static async Task<JsonElement> PostAdminAsync(HttpClient client, string path, object body)
    {
        using var response = await client.PostAsJsonAsync(path, body);
        var text = await response.Content.ReadAsStringAsync();
        return response.IsSuccessStatusCode ? JsonDocument.Parse(text).RootElement.Clone() : throw new InvalidOperationException($"{path}: {text}");
    }
}
