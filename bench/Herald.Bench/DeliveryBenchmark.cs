using System.Diagnostics;
using System.Globalization;
using Herald.Providers;
using Herald.Queue;
using Herald.Storage;
using Herald.Templates;
using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.EntityFrameworkCore;
using Herald.Notifications;
using Herald.Integrations.Smtp;

namespace Herald.Bench;

/// <summary>
/// Email delivery end to end: real <c>herald serve</c> processes sending through the SMTP provider
/// to <c>smtp-sink</c> on loopback. A pre-accepted backlog's drain rate, accept and deliver
/// together under API load, and the baseline: the same number of messages from a plain MailKit
/// loop over 4 connections to the same server.
/// </summary>
internal sealed class DeliveryBenchmark(DatabaseProvider provider, BenchSettings settings, DeliverySettings delivery)
{
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(10);

    /// <summary>
    /// Accepts <see cref="DeliverySettings.Emails"/> through the API of a <c>--role api</c> process (no
    /// worker), stops it, then starts a <c>--role worker</c> process: emails/s from the moment its
    /// queue worker starts to the moment smtp-sink has counted the last message.
    /// </summary>
    public async Task<DrainResult> DrainAsync()
    {
        await using var database = await BenchDatabase.CreateAsync(provider, settings.PostgresServer);
        await using var sink = await SmtpSink.StartAsync();
        var acceptWatch = Stopwatch.StartNew();
        await using (var api = await HeraldServer.StartAsync(database.Argument, "api", settings.Durability.ToString(), Environment(sink), Forward))
        {
            var (client, request) = await ApiBenchmark.PrepareAsync(api, 64);
            using (client)
            {
                var next = -1;
                await Task.WhenAll(Enumerable.Range(0, 64).Select(_ => Task.Run(async () =>
                {
                    while (Interlocked.Increment(ref next) < delivery.Emails)
                    {
                        while (!await ApiBenchmark.PostAsync(client, request))
                        {
                        }
                    }
                })));
            }
        }

        var acceptRate = delivery.Emails / acceptWatch.Elapsed.TotalSeconds;
        long started = 0;
        var launched = Stopwatch.GetTimestamp();
        await using var worker = await HeraldServer.StartAsync(database.Argument, "worker", settings.Durability.ToString(), Environment(sink), line =>
        {
            if (line.Contains("Queue worker", StringComparison.Ordinal) && line.Contains("started", StringComparison.Ordinal))
            {
                Interlocked.CompareExchange(ref started, Stopwatch.GetTimestamp(), 0);
            }

            Forward(line);
        });
        // The second half of the backlog runs on warm code (JIT tiering done), as the baseline's
        // process is after its first run: its rate and CPU are reported beside the whole drain's.
        var half = delivery.Emails / 2;
        await sink.WaitForAsync(half, Patience);
        var halfAt = Stopwatch.GetTimestamp();
        var halfCount = sink.Messages;
        var halfCpu = worker.CpuTime();
        if (!await sink.WaitForAsync(delivery.Emails, Patience))
        {
            throw new InvalidOperationException($"only {sink.Messages} of {delivery.Emails} emails reached the server");
        }

        var finished = Stopwatch.GetTimestamp();
        var cpu = worker.CpuTime();
        var rate = delivery.Emails / Stopwatch.GetElapsedTime(started, finished).TotalSeconds;
        var warmRate = (delivery.Emails - halfCount) / Stopwatch.GetElapsedTime(halfAt, finished).TotalSeconds;
        var startup = Stopwatch.GetElapsedTime(launched, started).TotalSeconds;
        await VerifyAsync(database, sink, delivery.Emails);
        return new DrainResult(rate, acceptRate, startup, cpu.TotalMilliseconds * 1000 / delivery.Emails,
            warmRate, (cpu - halfCpu).TotalMilliseconds * 1000 / (delivery.Emails - halfCount));
    }

    /// <summary>
    /// One <c>--role all</c> process accepting and delivering together, for <see cref="DeliverySettings.Seconds"/>:
    /// at a steady <see cref="DeliverySettings.Rate"/> requests/s, or with <see cref="DeliverySettings.Connections"/>
    /// connections as fast as it answers when the rate is 0. Emails/s from the first request to the last
    /// message counted by smtp-sink; latency from acceptance (created_at) to the server's acceptance
    /// (completed_at, the delivered time) of every email after the first second.
    /// </summary>
    public async Task<SustainedResult> SustainedAsync(int rate)
    {
        await using var database = await BenchDatabase.CreateAsync(provider, settings.PostgresServer);
        await using var sink = await SmtpSink.StartAsync();
        await using var server = await HeraldServer.StartAsync(database.Argument, "all", settings.Durability.ToString(), Environment(sink), Forward);
        var connections = rate > 0 ? 32 : delivery.Connections;
        var (client, request) = await ApiBenchmark.PrepareAsync(server, connections);
        var accepted = 0L;
        var start = Stopwatch.GetTimestamp();
        using (client)
        {
            var end = TimeSpan.FromSeconds(delivery.Seconds);
            var total = rate * delivery.Seconds;
            var interval = rate > 0 ? TimeSpan.FromSeconds(1.0 / rate) : TimeSpan.Zero;
            await Task.WhenAll(Enumerable.Range(0, connections).Select(s => Task.Run(async () =>
            {
                for (var i = s; rate > 0 ? i < total : Stopwatch.GetElapsedTime(start) < end; i += connections)
                {
                    var wait = (interval * i) - Stopwatch.GetElapsedTime(start);
                    if (wait > TimeSpan.Zero)
                    {
                        await Task.Delay(wait);
                    }

                    if (await ApiBenchmark.PostAsync(client, request))
                    {
                        Interlocked.Increment(ref accepted);
                    }
                }
            })));
        }

        var acceptSeconds = Stopwatch.GetElapsedTime(start).TotalSeconds;
        if (!await sink.WaitForAsync(accepted, Patience))
        {
            throw new InvalidOperationException($"only {sink.Messages} of {accepted} emails reached the server");
        }

        var seconds = Stopwatch.GetElapsedTime(start).TotalSeconds;
        await VerifyAsync(database, sink, accepted);
        var latencies = await LatenciesAsync(database);
        return new SustainedResult(accepted / seconds, accepted / acceptSeconds, Stats.Percentile(latencies, 50), Stats.Percentile(latencies, 99), server.PeakMemoryMiB());
    }

    /// <summary><see cref="DeliverySettings.Emails"/> messages like Herald's, built and sent by a plain MailKit loop over 4 connections.</summary>
    public async Task<(double Rate, double CpuMicroseconds)> BaselineAsync()
    {
        await using var sink = await SmtpSink.StartAsync();
        var rendered = TemplateRenderer.Render(TemplateType.Email, "Hello ((name))", "Dear ((name)),\n\nYour reference is ((ref)).\n\n* one\n* two",
            new Dictionary<string, System.Text.Json.JsonElement>
            {
                ["name"] = System.Text.Json.JsonSerializer.SerializeToElement("Ada"),
                ["ref"] = System.Text.Json.JsonSerializer.SerializeToElement("REF-123"),
            });
        const int connections = 4;
        var clients = new List<SmtpClient>();
        for (var i = 0; i < connections; i++)
        {
            var client = new SmtpClient();
            await client.ConnectAsync("127.0.0.1", sink.Port, SecureSocketOptions.None);
            clients.Add(client);
        }

        var next = -1;
        var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
        var watch = Stopwatch.StartNew();
        await Task.WhenAll(clients.Select(client => Task.Run(async () =>
        {
            while (Interlocked.Increment(ref next) < delivery.Emails)
            {
                var message = new EmailMessage(Guid.NewGuid(), "bench@bench.example", "reader@example.com",
                    rendered.Subject ?? "", rendered.Html ?? "", rendered.PlainText ?? rendered.Body, null);
                await client.SendAsync(SmtpMessageBuilder.Build(message, null));
            }
        })));
        var rate = delivery.Emails / watch.Elapsed.TotalSeconds;
        var cpu = Process.GetCurrentProcess().TotalProcessorTime - cpuBefore;
        foreach (var client in clients)
        {
            await client.DisconnectAsync(quit: true);
            client.Dispose();
        }

        return (rate, cpu.TotalMilliseconds * 1000 / delivery.Emails);
    }

    private Dictionary<string, string> Environment(SmtpSink sink) => SmtpEnvironment(sink, delivery);

    /// <summary>A Herald process's settings for sending every email through the SMTP provider to <paramref name="sink"/>.</summary>
    public static Dictionary<string, string> SmtpEnvironment(SmtpSink sink, DeliverySettings delivery)
    {
        var environment = new Dictionary<string, string>
        {
        ["HERALD_DELIVERY__EMAILPROVIDER"] = "smtp",
        ["HERALD_PROVIDERS__SMTP__HOST"] = "127.0.0.1",
        ["HERALD_PROVIDERS__SMTP__PORT"] = sink.Port.ToString(CultureInfo.InvariantCulture),
        ["HERALD_PROVIDERS__SMTP__SECURITY"] = "None",
        ["HERALD_PROVIDERS__SMTP__POOLSIZE"] = delivery.PoolSize.ToString(CultureInfo.InvariantCulture),
        ["HERALD_LOGGING__LOGLEVEL__HERALD.QUEUE.QUEUEWORKER"] = "Information",
        };
        HeraldSettings.AddTo(environment, delivery.Herald);

        return environment;
    }

    public static void Forward(string line)
    {
        if (line.StartsWith("fail", StringComparison.Ordinal) || line.StartsWith("warn", StringComparison.Ordinal) || line.Contains(" fail:", StringComparison.Ordinal) || line.Contains(" warn:", StringComparison.Ordinal))
        {
            Console.Error.WriteLine($"  herald: {line}");
        }
    }

    /// <summary>Every email is <c>delivered</c> in the database, and the server counted each exactly once.</summary>
    private async Task VerifyAsync(BenchDatabase database, SmtpSink sink, long expected)
    {
        await using var heraldDatabase = new HeraldDatabase(DatabaseTarget.Parse(database.Argument, ".", settings.Durability));
        var watch = Stopwatch.StartNew();
        long delivered;
        do
        {
            await using var context = heraldDatabase.CreateContext();
            delivered = await context.Notifications.LongCountAsync(n => n.Status == "delivered");
            if (delivered < expected)
            {
                await Task.Delay(50);
            }
        }
        while (delivered < expected && watch.Elapsed < TimeSpan.FromSeconds(30));

        await Task.Delay(200);
        if (delivered != expected || sink.Messages != expected)
        {
            throw new InvalidOperationException($"expected {expected} emails; {delivered} delivered, {sink.Messages} counted by the server");
        }
    }

    private async Task<List<double>> LatenciesAsync(BenchDatabase database)
    {
        await using var heraldDatabase = new HeraldDatabase(DatabaseTarget.Parse(database.Argument, ".", settings.Durability));
        await using var context = heraldDatabase.CreateContext();
        var rows = await context.Notifications.AsNoTracking().Select(n => new { n.CreatedAt, n.CompletedAt }).ToListAsync();
        var first = rows.Min(r => r.CreatedAt);
        return [.. rows.Where(r => r.CreatedAt >= first.AddSeconds(1) && r.CompletedAt is not null).Select(r => (r.CompletedAt!.Value - r.CreatedAt).TotalMilliseconds)];
    }
}
