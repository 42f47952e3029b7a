using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text.RegularExpressions;
using Herald.Notifications;
using Herald.Services;
using Herald.Storage;
using Herald.Templates;

namespace Herald.Bench;

/// <summary>
/// The data lifecycle at scale: a <c>herald serve --role api</c> over a database seeded with
/// notifications past their retention; searched through the admin API (against <c>GET /healthz</c>
/// timed the same way), then archived by <c>herald retention archive</c> (the server archives, the CLI draws its progress)
/// while sends arrive at a steady rate, against the same rate measured just before.
/// </summary>
internal sealed partial class LifecycleBenchmark(DatabaseProvider provider, BenchSettings settings, LifecycleSettings lifecycle)
{
    public static readonly string[] SearchKinds = ["GET /healthz (baseline)", "exact email", "partial email", "partial phone", "reference"];

    private static readonly string[] FirstNames = ["ada", "alan", "grace", "edsger", "barbara", "donald", "frances", "john", "radia", "ken"];
    private static readonly string[] LastNames = ["lovelace", "turing", "hopper", "dijkstra", "liskov", "knuth", "allen", "backus", "perlman", "thompson"];
    private static readonly string[] Domains = ["example.com", "example.org", "mail.example.net", "post.example.co.uk"];

    public async Task<LifecycleRun> RunAsync(int run)
    {
        await using var database = await BenchDatabase.CreateAsync(provider, settings.PostgresServer);
        await using var server = await HeraldServer.StartAsync(database.Argument, "api", settings.Durability.ToString());
        var (load, request) = await ApiBenchmark.PrepareAsync(server, 64);
        using (load)
        {
            using var admin = new HttpClient { BaseAddress = new Uri(server.BaseUrl) };
            admin.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", HeraldServer.AdminToken);
            var service = await CreateServiceAsync(admin);
            var watch = Stopwatch.StartNew();
            await SeedAsync(database.Argument, service);
            var seedSeconds = watch.Elapsed.TotalSeconds;

            var searches = new List<TimedResult>();
            var random = new Random(run);
            foreach (var kind in SearchKinds)
            {
                searches.Add(await TimeSearchAsync(admin, service.Id, kind, random));
            }

            var before = await SteadyLoad.RunAsync(load, request, lifecycle.Rate, TimeSpan.FromSeconds(lifecycle.BaselineSeconds), null);
            var archive = await ArchiveUnderLoadAsync(server, load, request);
            return new LifecycleRun(run, seedSeconds, searches, before, archive);
        }
    }

    private static async Task<SeedService> CreateServiceAsync(HttpClient admin)
    {
        var id = (await ApiBenchmark.PostAdminAsync(admin, "/admin/api/services", new { name = "Archived service" })).GetProperty("id").GetGuid();
        var email = await ApiBenchmark.PostAdminAsync(admin, $"/admin/api/services/{id}/templates",
            new { name = "Receipt", type = "email", subject = "Your order ((ref))", body = "Dear ((name)),\n\nYour order ((ref)) is on its way." });
        var sms = await ApiBenchmark.PostAdminAsync(admin, $"/admin/api/services/{id}/templates", new { name = "Code", type = "sms", body = "Your code is ((code))" });
        var key = await ApiBenchmark.PostAdminAsync(admin, $"/admin/api/services/{id}/api-keys", new { name = "bench", key_type = "normal" });
        return new SeedService(id, email.GetProperty("id").GetGuid(), sms.GetProperty("id").GetGuid(), key.GetProperty("id").GetGuid());
    }

    /// <summary>Notifications of ten and eleven days ago (past the default seven days' retention), through Herald's own model, oldest first.</summary>
    private async Task SeedAsync(string databaseArgument, SeedService service)
    {
        await using var database = new HeraldDatabase(DatabaseTarget.Parse(databaseArgument, ".", settings.Durability));
        var start = TimeProvider.System.GetUtcNow().UtcDateTime.Date.AddDays(-11);
        const int batch = 5_000;
        for (var first = 0; first < lifecycle.Notifications; first += batch)
        {
            var count = Math.Min(batch, lifecycle.Notifications - first);
            await using (var context = database.CreateContext())
            {
                context.Notifications.AddRange(Enumerable.Range(first, count).Select(i => Notification(i, service, start)));
                await context.SaveChangesAsync();
            }

            if ((first + count) % 100_000 == 0 || first + count == lifecycle.Notifications)
            {
                Console.WriteLine($"    {provider}: seeded {first + count:N0} / {lifecycle.Notifications:N0} notifications");
            }
        }

        if (provider == DatabaseProvider.Postgres)
        {
            // Where autovacuum leaves a table soon after a bulk insert: statistics and visibility map current.
            await using var connection = await database.OpenConnectionAsync(CancellationToken.None);
            await using var command = connection.CreateCommand();
            command.CommandText = "VACUUM (ANALYZE) notifications";
            command.CommandTimeout = 600;
            await command.ExecuteNonQueryAsync();
        }
    }

    private NotificationRecord Notification(int i, SeedService service, DateTime start)
    {
        var sms = i % 5 >= 3;
        var created = start + (TimeSpan.FromDays(1) * ((double)i / lifecycle.Notifications));
        return new NotificationRecord
        {
            Id = Guid.CreateVersion7(new DateTimeOffset(created, TimeSpan.Zero)),
            ServiceId = service.Id,
            TemplateId = sms ? service.SmsTemplate : service.EmailTemplate,
            TemplateVersion = 1,
            ApiKeyId = service.Key,
            KeyType = KeyType.Normal,
            Type = sms ? TemplateType.Sms : TemplateType.Email,
            To = sms ? $"07700 {Phone(i)[..3]} {Phone(i)[3..]}" : Email(i),
            NormalisedTo = sms ? $"447700{Phone(i)}" : Email(i),
            Reference = Reference(i),
            Status = NotificationStatus.Delivered,
            Body = sms ? $"Your code is {i % 1_000_000:000000}" : $"Dear Ada,\n\nYour order {Reference(i)} is on its way.",
            Subject = sms ? null : $"Your order {Reference(i)}",
            BillableUnits = sms ? 1 : 0,
            ProviderName = sms ? "twilio" : "smtp",
            ProviderReference = $"bench-{i}",
            CreatedAt = created,
            SentAt = created.AddSeconds(1),
            CompletedAt = created.AddSeconds(5),
        };
    }

    private static string Email(int i) => $"{FirstNames[i % 10]}.{LastNames[(i / 10) % 10]}{i}@{Domains[(i / 100) % 4]}";

    /// <summary>Six digits, a different number for each of the first million rows.</summary>
    private static string Phone(int i) => ((i * 7919L) % 1_000_000).ToString("000000", CultureInfo.InvariantCulture);

    private static string Reference(int i) => $"order-{i:0000000}";

    /// <summary>Sequential requests, each a term of a random seeded row, so no answer is served twice from a warm page.</summary>
    private async Task<TimedResult> TimeSearchAsync(HttpClient admin, Guid service, string kind, Random random)
    {
        var latencies = new List<double>();
        var empty = 0;
        for (var i = 0; i < lifecycle.WarmUp + lifecycle.Searches; i++)
        {
            // Rows come in fives: three emails, then two texts.
            var five = random.Next((lifecycle.Notifications / 5) - 1) * 5;
            var (emailRow, smsRow) = (five + random.Next(3), five + 3 + random.Next(2));
            var path = kind switch
            {
                "exact email" => Search(service, "email", Email(emailRow)),
                "partial email" => Search(service, "email", Email(emailRow).Split('@')[0]),
                "partial phone" => Search(service, "sms", $"700 {Phone(smsRow)[..3]} {Phone(smsRow)[3..]}"),
                "reference" => Search(service, "reference", Reference(five + random.Next(5))),
                _ => "/healthz",
            };
            var sent = Stopwatch.GetTimestamp();
            using var response = await admin.GetAsync(path);
            var body = await response.Content.ReadAsStringAsync();
            if (!response.IsSuccessStatusCode)
            {
                throw new InvalidOperationException($"{path}: {(int)response.StatusCode} {body}");
            }

            if (i >= lifecycle.WarmUp)
            {
                latencies.Add(Stopwatch.GetElapsedTime(sent).TotalMilliseconds);
                empty += path != "/healthz" && !body.Contains("\"id\"", StringComparison.Ordinal) ? 1 : 0;
            }
        }

        if (empty > 0)
        {
            throw new InvalidOperationException($"{kind}: {empty} searches found nothing; the benchmark's terms do not match its rows");
        }

        return new TimedResult(Stats.Percentile(latencies, 50), Stats.Percentile(latencies, 99), latencies.Max(), latencies.Count);
    }

    private static string Search(Guid service, string type, string term) =>
        $"/admin/api/services/{service}/notifications/search?type={type}&q={Uri.EscapeDataString(term)}";

    /// <summary>
    /// <c>herald retention archive</c> asks the server to archive now, as an operator would; the
    /// archive's batches then take turns with the sends' writes in the server's own write queue.
    /// </summary>
    private async Task<ArchiveResult> ArchiveUnderLoadAsync(HeraldServer server, HttpClient load, Func<HttpRequestMessage> request)
    {
        var info = new ProcessStartInfo("dotnet") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in new[] { HeraldServer.HeraldDll, "retention", "archive", "--url", server.BaseUrl, "--admin-token", HeraldServer.AdminToken })
        {
            info.ArgumentList.Add(arg);
        }

        using var process = Process.Start(info) ?? throw new InvalidOperationException("could not start herald retention archive");
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        var exited = process.WaitForExitAsync();
        var during = await SteadyLoad.RunAsync(load, request, lifecycle.Rate, TimeSpan.Zero, exited);
        await exited;
        var summary = ArchiveSummary().Match(await output);
        if (process.ExitCode != 0 || !summary.Success)
        {
            throw new InvalidOperationException($"herald retention archive exited {process.ExitCode}: {await output} {await errors}");
        }

        double Number(string group) => double.Parse(summary.Groups[group].Value, CultureInfo.InvariantCulture);
        return new ArchiveResult((long)Number("moved"), Number("seconds"), Number("rate"), (int)Number("batches"), Number("longest"), server.PeakMemoryMiB(), during);
    }

    [GeneratedRegex(@"Archived (?<moved>\d+) notifications in (?<seconds>[0-9.]+) s \((?<rate>\d+) rows/s\), (?<batches>\d+) batches, longest (?<longest>[0-9.]+) s")]
    private static partial Regex ArchiveSummary();
}

internal sealed record LifecycleSettings(int Notifications, int Searches, int Rate, int BaselineSeconds)
{
    public int WarmUp => Math.Max(10, Searches / 10);
}

internal sealed record TimedResult(double P50, double P99, double Max, int Count);

internal sealed record SteadyResult(double P50, double P99, double Max, double Achieved, int Failed);

internal sealed record ArchiveResult(long Moved, double Seconds, double Rate, int Batches, double LongestSeconds, double PeakMemoryMiB, SteadyResult During);

internal sealed record LifecycleRun(int Run, double SeedSeconds, IReadOnlyList<TimedResult> Searches, SteadyResult Before, ArchiveResult Archive);
