using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Herald.Cli;
using Herald.Notifications;
using Herald.Queue;
using Herald.Storage;
using Herald.Tests.Fixtures;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Xunit.Abstractions;

namespace Herald.Tests.Delivery;

/// <summary>
/// The real <c>herald serve</c> delivering email to a real SMTP server is killed with SIGKILL
/// while it is accepting and delivering, then started again on the same database. The class runs
/// alone (its own collection): it loads the machine, and so do the other process-killing tests.
/// </summary>
[Collection(nameof(DeliveryRestartTests))]
public sealed partial class DeliveryRestartTests(ITestOutputHelper output)
{
    private const string AdminToken = "restart-test-admin-token-0123456789";

    /// <summary>Requests the load makes in all, before the kill and after the restart.</summary>
    private const int Total = 2_000;

    /// <summary>The kill comes once the SMTP server has this many messages: well inside the load.</summary>
    private const int KillAfterDelivered = Total / 4;

    private const int Senders = 8;
    private const int BatchSize = 25;
    private const int HandlerConcurrency = 16;
    private const int SmtpConnections = 8;

    /// <summary>
    /// The in-flight window: the most delivery items one process holds claimed and not completed
    /// (each claim takes at most <see cref="BatchSize"/> and stops at this many). Only these can
    /// have reached the SMTP server without their outcome being recorded.
    /// </summary>
    private const int MaxInFlight = 4 * BatchSize;

    private static readonly TimeSpan SlowSmtpServer = TimeSpan.FromMilliseconds(50);

    /// <summary>Short, so the new process takes over the dead one's items soon; a live process renews its leases every third of this.</summary>
    private static readonly TimeSpan Lease = TimeSpan.FromSeconds(5);

    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task Every_accepted_email_is_delivered_after_a_SIGKILL_mid_delivery_and_only_in_flight_ones_go_twice(DatabaseProvider provider)
    {
        // Slower than the accepts (8 connections at 50 ms a message, 160/s): delivery is still
        // behind, with items in flight, when the process is killed.
        await using var smtp = await SmtpServer.StartAsync(SlowSmtpServer);
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var storage = new HeraldDatabase(database.Target);
        var data = Directory.CreateTempSubdirectory("herald-restart-");
        var victimOutput = new StringBuilder();
        var successorOutput = new StringBuilder();
        using var victim = StartHerald(database, data.FullName, smtp.Port, victimOutput);
        Process? successor = null;
        try
        {
            using var firstApi = await ApiAsync(victim, victimOutput);
            var sender = await CreateSenderAsync(firstApi);

            // Accept and deliver at once; kill mid-way through delivery.
            var beforeKill = new Load(Total, sender);
            var clock = Stopwatch.StartNew();
            var load = beforeKill.RunAsync(firstApi, Senders);
            await Eventually.TrueAsync(() => Task.FromResult(Exited(victim, victimOutput) || load.IsFaulted || smtp.Count() >= KillAfterDelivered),
                $"the SMTP server has {KillAfterDelivered} messages", TimeSpan.FromSeconds(120));
            Assert.False(load.IsFaulted, load.Exception?.ToString());
            beforeKill.Stop();
            victim.Kill();
            await victim.WaitForExitAsync();
            await load;
            var atKill = await SnapshotAsync(storage);
            var smtpAtKill = smtp.Count();
            output.WriteLine($"{provider}: SIGKILL at {clock.Elapsed.TotalSeconds:0.0} s, after {beforeKill.Accepted.Count} accepted, {beforeKill.Unanswered} requests unanswered; " +
                $"{smtpAtKill} messages at the SMTP server; {atKill.Leased.Count} delivery items leased by the dead process, {atKill.Pending} waiting");
            Assert.Empty(beforeKill.Refused);
            Assert.True(atKill.Leased.Count > 0, "no delivery was in flight when the process was killed; the test proved nothing");
            Assert.InRange(atKill.Leased.Count, 1, MaxInFlight);

            // The same database, a new process: it takes over the dead one's items when their leases expire.
            successor = StartHerald(database, data.FullName, smtp.Port, successorOutput);
            using var secondApi = await ApiAsync(successor, successorOutput);
            var afterRestart = new Load(Total - beforeKill.Attempts, sender);
            await afterRestart.RunAsync(secondApi, Senders);
            output.WriteLine($"{provider}: restarted; the rest of the load accepted by {clock.Elapsed.TotalSeconds:0.0} s");
            Assert.Empty(afterRestart.Refused);
            Assert.Equal(0, afterRestart.Unanswered);
            var accepted = beforeKill.Accepted.Concat(afterRestart.Accepted).ToHashSet();
            Assert.Equal(Total - beforeKill.Unanswered, accepted.Count);

            await WaitForEveryNotificationToFinishAsync(storage, provider);
            output.WriteLine($"{provider}: every notification final at {clock.Elapsed.TotalSeconds:0.0} s");

            var statuses = await StatusesAsync(storage);
            var sends = smtp.Messages()
                .Select(m => m.MessageId ?? throw new InvalidOperationException("a message without a Message-ID"))
                .GroupBy(id => Guid.Parse(id[..id.IndexOf('@', StringComparison.Ordinal)]))
                .ToDictionary(g => g.Key, g => g.Count());
            var twice = sends.Where(s => s.Value > 1).Select(s => s.Key).ToHashSet();
            output.WriteLine($"{provider}: {accepted.Count} accepted, {statuses.Count} notifications stored, {sends.Values.Sum()} messages at the SMTP server " +
                $"for {sends.Count} notifications; sent twice: {twice.Count} (bound: {MaxInFlight} in flight = {MaxInFlight / BatchSize} claims of {BatchSize}; " +
                $"{atKill.Leased.Count} were leased at the kill)");

            Assert.All(accepted, id => Assert.Equal(NotificationStatus.Delivered, statuses.GetValueOrDefault(id)));
            Assert.All(statuses.Values, status => Assert.Equal(NotificationStatus.Delivered, status));
            Assert.All(accepted, id => Assert.True(sends.ContainsKey(id), $"notification {id} never reached the SMTP server"));
            Assert.All(sends.Keys, id => Assert.True(statuses.ContainsKey(id), $"the SMTP server has a message for {id}, which Herald does not know"));
            Assert.All(sends.Values, count => Assert.InRange(count, 1, 2));
            Assert.InRange(twice.Count, 0, MaxInFlight);
            Assert.All(twice, id => Assert.True(atKill.Leased.Contains(id), $"notification {id} was sent twice but was not in flight at the kill"));
            Assert.Empty((await SnapshotAsync(storage)).Leased);
        }
        finally
        {
            if (!victim.HasExited)
            {
                victim.Kill();
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

    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task An_email_the_smtp_server_took_but_whose_delivery_was_not_recorded_is_sent_again_not_left_sending(DatabaseProvider provider)
    {
        await using var smtp = await SmtpServer.StartAsync();
        await using var database = await TestDatabase.CreateAsync(provider);
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 8, 3, 9, 0, 0, TimeSpan.Zero));
        await using var herald = await HeraldApp.StartAsync(database, clock, settings: new Dictionary<string, string?>
        {
            ["Delivery:EmailProvider"] = "smtp",
            ["Providers:Smtp:Host"] = "127.0.0.1",
            ["Providers:Smtp:Port"] = smtp.Port.ToString(CultureInfo.InvariantCulture),
            ["Providers:Smtp:Security"] = "None",
            ["Providers:Smtp:Timeout"] = "00:00:05",
            [$"Queue:Backoff:{DeliveryItem.EmailKind}"] = "1m",
        });
        var storage = herald.Services.GetRequiredService<HeraldDatabase>();
        var service = await herald.CreateReadyServiceAsync();

        // What a crash right after the SMTP server's answer looks like to the database: nothing
        // after the send is recorded (here the database refuses the delivered status once).
        await ExecuteAsync(storage, provider == DatabaseProvider.Sqlite
            ? "CREATE TRIGGER refuse_delivered BEFORE UPDATE OF status ON notifications WHEN NEW.status = 'delivered' " +
              "BEGIN SELECT RAISE(ABORT, 'delivered refused by the test'); END"
            : "CREATE FUNCTION refuse_delivered() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'delivered refused by the test'; END $$; " +
              "CREATE TRIGGER refuse_delivered BEFORE UPDATE OF status ON notifications FOR EACH ROW WHEN (NEW.status = 'delivered') EXECUTE FUNCTION refuse_delivered()");
        var id = (await herald.SendEmailAsync(service, "ada@example.com")).GetProperty("id").GetGuid();
        await Eventually.TrueAsync(async () => await DeliveryItemAsync(storage, id) is { Attempts: 1, LeaseOwner: null, LastError: not null },
            "the first try failed after the SMTP server took the message");
        Assert.Equal(1, smtp.Count());
        Assert.Equal(NotificationStatus.Created, await StatusAsync(storage, id));

        await ExecuteAsync(storage, provider == DatabaseProvider.Sqlite ? "DROP TRIGGER refuse_delivered" : "DROP TRIGGER refuse_delivered ON notifications");
        clock.Advance(TimeSpan.FromMinutes(1));
        herald.Services.GetRequiredService<QueueSignal>().Pulse();
        await Eventually.TrueAsync(async () => await DeliveryItemAsync(storage, id) is null, "the retry completed");

        Assert.Equal(NotificationStatus.Delivered, await StatusAsync(storage, id));
        var messages = smtp.Messages();
        Assert.Equal(2, messages.Count);
        Assert.All(messages, m => Assert.StartsWith($"{id}@", m.MessageId, StringComparison.Ordinal));
    }

    private static async Task ExecuteAsync(HeraldDatabase storage, string sql)
    {
        await using var context = storage.CreateContext();
        await context.Database.ExecuteSqlRawAsync(sql);
    }

    private static async Task<QueueItemRecord?> DeliveryItemAsync(HeraldDatabase storage, Guid id)
    {
        await using var context = storage.CreateContext();
        return await context.QueueItems.AsNoTracking().SingleOrDefaultAsync(i => i.Kind == DeliveryItem.EmailKind && i.Reference == id.ToString());
    }

    private static async Task<string> StatusAsync(HeraldDatabase storage, Guid id)
    {
        await using var context = storage.CreateContext();
        return await context.Notifications.Where(n => n.Id == id).Select(n => n.Status).SingleAsync();
    }

    private static Process StartHerald(TestDatabase database, string data, int smtpPort, StringBuilder output)
    {
        var environment = new Dictionary<string, string>
        {
            ["HERALD_ADMIN_TOKEN"] = AdminToken,
            ["HERALD_DELIVERY__EMAILPROVIDER"] = "smtp",
            ["HERALD_PROVIDERS__SMTP__HOST"] = "127.0.0.1",
            ["HERALD_PROVIDERS__SMTP__PORT"] = smtpPort.ToString(CultureInfo.InvariantCulture),
            ["HERALD_PROVIDERS__SMTP__SECURITY"] = "None",
            ["HERALD_PROVIDERS__SMTP__TIMEOUT"] = "00:00:05",
            ["HERALD_PROVIDERS__SMTP__POOLSIZE"] = SmtpConnections.ToString(CultureInfo.InvariantCulture),
            ["HERALD_QUEUE__LEASEDURATION"] = Lease.ToString("c", CultureInfo.InvariantCulture),
            ["HERALD_QUEUE__BATCHSIZE"] = BatchSize.ToString(CultureInfo.InvariantCulture),
            ["HERALD_QUEUE__MAXINFLIGHT"] = MaxInFlight.ToString(CultureInfo.InvariantCulture),
            ["HERALD_QUEUE__HANDLERCONCURRENCY"] = HandlerConcurrency.ToString(CultureInfo.InvariantCulture),
            ["HERALD_QUEUE__POLLINTERVAL"] = "00:00:01",
            ["HERALD_LOGGING__LOGLEVEL__DEFAULT"] = "Warning",
            ["HERALD_LOGGING__LOGLEVEL__MICROSOFT.HOSTING.LIFETIME"] = "Information",
            ["HERALD_LOGGING__LOGLEVEL__HERALD.QUEUE"] = "Information",
        };
        return HeraldProcess.Start(HeraldProcess.HeraldDll,
            ["serve", "--urls", "http://127.0.0.1:0", "--data", data, "--database", database.DatabaseArgument], output, environment);
    }

    /// <summary>Waits until the process listens and returns a client for its address.</summary>
    private static async Task<HttpClient> ApiAsync(Process herald, StringBuilder output)
    {
        string? address = null;
        await Eventually.TrueAsync(() =>
        {
            Assert.False(Exited(herald, output), "herald exited before it listened:\n" + Read(output));
            address = ListeningOn().Match(Read(output)) is { Success: true } match ? match.Groups[1].Value : null;
            return Task.FromResult(address is not null);
        }, "herald is listening", TimeSpan.FromSeconds(60));
        return new HttpClient { BaseAddress = new Uri(address!) };
    }

    /// <summary>A service allowed the whole load, an email template and a normal key.</summary>
    private static async Task<Sender> CreateSenderAsync(HttpClient api)
    {
        async Task<JsonElement> AdminPostAsync(string path, object body)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = JsonContent.Create(body) };
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", AdminToken);
            using var response = await api.SendAsync(request);
            return await HeraldApp.ExpectAsync(response, 201);
        }

        // The rate limit (per minute) must never bite: the whole load may come in well under a minute,
        // faster while the slow SMTP server leaves the API more of the CPU.
        var service = (await AdminPostAsync("/admin/api/services", new { name = "Restart", email_from = "news@restart.example", rate_limit = 60 * Total }))
            .GetProperty("id").GetGuid();
        var template = (await AdminPostAsync($"/admin/api/services/{service}/templates",
            new { name = "Email", type = "email", subject = "Hello ((name))", body = "Your number is ((n))." })).GetProperty("id").GetGuid();
        var key = (await AdminPostAsync($"/admin/api/services/{service}/api-keys", new { name = "load", key_type = "normal" }))
            .GetProperty("key").GetString()!;
        return new Sender(template, key);
    }

    private async Task WaitForEveryNotificationToFinishAsync(HeraldDatabase storage, DatabaseProvider provider)
    {
        try
        {
            await Eventually.TrueAsync(async () =>
            {
                await using var context = storage.CreateContext();
                return !await context.Notifications.AnyAsync(n =>
                    n.Status == NotificationStatus.Created || n.Status == NotificationStatus.Sending ||
                    n.Status == NotificationStatus.Pending || n.Status == NotificationStatus.Sent);
            }, "every notification has a final status", TimeSpan.FromSeconds(120));
        }
        catch (TimeoutException)
        {
            var statuses = await StatusesAsync(storage);
            output.WriteLine($"{provider}: statuses: " + string.Join(", ", statuses.Values.CountBy(s => s).Select(c => $"{c.Key} {c.Value}")));
            output.WriteLine("not final: " + string.Join(", ", statuses.Where(s => !NotificationStatus.IsFinal(s.Value)).Take(20).Select(s => $"{s.Key} {s.Value}")));
            throw;
        }
    }

    private static async Task<Dictionary<Guid, string>> StatusesAsync(HeraldDatabase storage)
    {
        await using var context = storage.CreateContext();
        return await context.Notifications.AsNoTracking().ToDictionaryAsync(n => n.Id, n => n.Status);
    }

    /// <summary>Delivery items held by a lease (in flight in some process), and those waiting.</summary>
    private static async Task<(HashSet<Guid> Leased, int Pending)> SnapshotAsync(HeraldDatabase storage)
    {
        await using var context = storage.CreateContext();
        var items = await context.QueueItems.AsNoTracking().Where(i => i.Kind == DeliveryItem.EmailKind)
            .Select(i => new { i.Reference, i.LeaseOwner }).ToListAsync();
        return ([.. items.Where(i => i.LeaseOwner is not null).Select(i => Guid.Parse(i.Reference!))], items.Count(i => i.LeaseOwner is null));
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

    private sealed record Sender(Guid TemplateId, string Key);

    [GeneratedRegex(@"Now listening on: (http://\S+)")]
    private static partial Regex ListeningOn();

    /// <summary>
    /// Sends up to <c>total</c> emails from several concurrent senders. After <see cref="Stop"/>
    /// (just before a kill) a request that gets no answer is counted as unanswered: whether it
    /// was accepted is unknown, so nothing is asserted about it.
    /// </summary>
    private sealed class Load(int total, Sender sender)
    {
        private int _next;
        private int _unanswered;
        private volatile bool _stopping;

        public ConcurrentQueue<Guid> Accepted { get; } = new();

        public ConcurrentQueue<string> Refused { get; } = new();

        public int Unanswered => Volatile.Read(ref _unanswered);

        /// <summary>Requests made: accepted, refused or unanswered.</summary>
        public int Attempts => Accepted.Count + Refused.Count + Unanswered;

        public void Stop() => _stopping = true;

        public Task RunAsync(HttpClient api, int concurrency) =>
            Task.WhenAll(Enumerable.Range(0, concurrency).Select(_ => Task.Run(() => SendLoopAsync(api))));

        private async Task SendLoopAsync(HttpClient api)
        {
            while (!_stopping)
            {
                var n = Interlocked.Increment(ref _next);
                if (n > total)
                {
                    return;
                }

                using var request = new HttpRequestMessage(HttpMethod.Post, "/v2/notifications/email")
                {
                    Content = JsonContent.Create(new
                    {
                        email_address = $"reader{n}@restart.example",
                        template_id = sender.TemplateId,
                        personalisation = new { name = $"Reader {n}", n },
                    }),
                };
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", NotifyTokenSigner.Sign(sender.Key, TimeProvider.System.GetUtcNow()));
                try
                {
                    using var response = await api.SendAsync(request);
                    var text = await response.Content.ReadAsStringAsync();
                    if ((int)response.StatusCode == 201)
                    {
                        Accepted.Enqueue(JsonDocument.Parse(text).RootElement.GetProperty("id").GetGuid());
                    }
                    else
                    {
                        Refused.Enqueue($"{(int)response.StatusCode}: {text}");
                    }
                }
                catch (Exception ex) when (_stopping && ex is HttpRequestException or IOException)
                {
                    Interlocked.Increment(ref _unanswered);
                    return;
                }
            }
        }
    }
}
