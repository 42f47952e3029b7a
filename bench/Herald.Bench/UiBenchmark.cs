using System.Data.Common;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text.RegularExpressions;
using Herald.Facts;
using Herald.Notifications;
using Herald.Services;
using Herald.Storage;
using Herald.Templates;
using Microsoft.Extensions.Logging.Abstractions;

namespace Herald.Bench;

/// <summary>
/// The admin UI's answer times: a <c>herald serve</c> process (role all) over a database seeded
/// with a week of notifications, signed in as a browser is, each page fetched sequentially from
/// one connection. The baseline is <c>GET /healthz</c> timed the same way: the HTTP round trip alone.
/// </summary>
internal sealed partial class UiBenchmark(DatabaseProvider provider, BenchSettings settings, UiSettings ui)
{
    public const string Baseline = "GET /healthz (baseline)";

    // An owner, not a viewer: /admin/users is an owner's page, and a viewer would be refused it.
    private const string Email = "bench@example.com";
    private const string Password = "bench-password-0123456789";

    /// <summary>The newest delivered notifications get a "sending" and a "delivered" event each, when the table exists.</summary>
    private const int EventSample = 1_000;

    public async Task<UiRun> RunAsync(int run)
    {
        await using var database = await BenchDatabase.CreateAsync(provider, settings.PostgresServer);
        await using var server = await HeraldServer.StartAsync(database.Argument, "all", settings.Durability.ToString());
        var services = await CreateServicesAsync(server.BaseUrl);
        var watch = Stopwatch.StartNew();
        var (detailId, events) = await SeedAsync(database.Argument, services, run);
        var seedSeconds = watch.Elapsed.TotalSeconds;

        using var client = await SignInAsync(server.BaseUrl);
        var (service, template) = (services[0].Id, services[0].EmailTemplate);
        var pages = new List<PageResult> { await TimeAsync(client, Baseline, "/healthz") };
        (string Name, string Path)[] list =
        [
            ("/admin", "/admin"),
            ("/admin/services", "/admin/services"),
            ("/admin/services/{id}", $"/admin/services/{service}"),
            ("/admin/services/{id}/templates", $"/admin/services/{service}/templates"),
            ("/admin/services/{id}/templates/{templateId}", $"/admin/services/{service}/templates/{template}"),
            ("/admin/services/{id}/keys", $"/admin/services/{service}/keys"),
            ("/admin/providers", "/admin/providers"),
            ("/admin/queue", "/admin/queue"),
            ("/admin/inbox", "/admin/inbox"),
            ("/admin/pushers", "/admin/pushers"),
            ("/admin/users", "/admin/users"),
            ("/admin/notifications", "/admin/notifications"),
            ("/admin/notifications?channel=sms&status=failed", "/admin/notifications?channel=sms&status=failed"),
            ("/admin/notifications?service={id}&channel=email", $"/admin/notifications?service={service}&channel=email"),
        ];
        foreach (var (name, path) in list)
        {
            pages.Add(await TimeAsync(client, name, path));
        }

        const string olderName = "/admin/notifications?before={cursor}";
        var firstPage = pages.Single(p => p.Name == "/admin/notifications");
        var older = firstPage.Missing ? null : await OlderLinkAsync(client);
        pages.Add(older is not null ? await TimeAsync(client, olderName, older)
            : PageResult.Absent(olderName, firstPage.Missing ? "404: not in this build" : "no \"Older\" link on /admin/notifications"));
        pages.Add(await TimeAsync(client, "/admin/notifications/{id}", $"/admin/notifications/{detailId}"));
        return new UiRun(run, seedSeconds, events, pages);
    }

    /// <summary>Services with an email template, an SMS template and a live key each, through the admin API; and the user who signs in.</summary>
    private async Task<IReadOnlyList<SeedService>> CreateServicesAsync(string baseUrl)
    {
        using var admin = new HttpClient { BaseAddress = new Uri(baseUrl) };
        admin.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", HeraldServer.AdminToken);
        var services = new List<SeedService>();
        for (var s = 1; s <= ui.Services; s++)
        {
            var id = (await ApiBenchmark.PostAdminAsync(admin, "/admin/api/services", new { name = $"Bench service {s}" })).GetProperty("id").GetGuid();
            var email = await ApiBenchmark.PostAdminAsync(admin, $"/admin/api/services/{id}/templates",
                new { name = "Reference email", type = "email", subject = "Your reference ((ref))", body = "Dear ((name)),\n\nYour reference is ((ref)).\n\n* one\n* two" });
            var sms = await ApiBenchmark.PostAdminAsync(admin, $"/admin/api/services/{id}/templates",
                new { name = "Code text", type = "sms", body = "Your code is ((code))" });
            var key = await ApiBenchmark.PostAdminAsync(admin, $"/admin/api/services/{id}/api-keys", new { name = "bench", key_type = "normal" });
            services.Add(new SeedService(id, email.GetProperty("id").GetGuid(), sms.GetProperty("id").GetGuid(), key.GetProperty("id").GetGuid()));
        }

        await ApiBenchmark.PostAdminAsync(admin, "/admin/api/users", new { email = Email, name = "Bench", role = "owner", password = Password });
        return services;
    }

    /// <summary>
    /// Writes the notifications straight into the table through Herald's own model (so SQLite's
    /// stored forms of ids and times are Herald's), oldest first as they would have arrived.
    /// Returns the newest delivered notification (for the detail page) and the events written.
    /// </summary>
    private async Task<(Guid DetailId, int Events)> SeedAsync(string databaseArgument, IReadOnlyList<SeedService> services, int run)
    {
        await using var database = new HeraldDatabase(DatabaseTarget.Parse(databaseArgument, ".", settings.Durability));
        var random = new Random(run);
        var now = TimeProvider.System.GetUtcNow().UtcDateTime;
        const int batch = 5_000;
        for (var first = 0; first < ui.Notifications; first += batch)
        {
            var count = Math.Min(batch, ui.Notifications - first);
            await using (var context = database.CreateContext())
            {
                context.Notifications.AddRange(Enumerable.Range(first, count).Select(i => Notification(i, random, services, now)));
                await context.SaveChangesAsync();
            }

            if ((first + count) % 20_000 == 0 || first + count == ui.Notifications)
            {
                Console.WriteLine($"    {provider}: seeded {first + count:N0} / {ui.Notifications:N0} notifications");
            }
        }

        // The steady state of a Herald that has run for a week: each earlier day's facts built
        // by the nightly rebuild, so the dashboard counts only today live.
        var facts = new FactsBuilder(database, TimeProvider.System, NullLogger<FactsBuilder>.Instance);
        var today = DateOnly.FromDateTime(now);
        for (var back = 1; back < 7; back++)
        {
            await facts.RebuildAsync(today.AddDays(-back), CancellationToken.None);
        }

        await using var connection = await database.OpenConnectionAsync(CancellationToken.None);
        var events = await SeedEventsAsync(connection);

        if (provider == DatabaseProvider.Postgres)
        {
            // Where autovacuum leaves a table within a minute of a bulk insert: visibility map
            // and statistics current, so that the planner sees the seeded rows, not an empty table.
            await ExecuteAsync(connection, "VACUUM (ANALYZE) notifications");
        }

        var detail = await ScalarAsync(connection, "SELECT id FROM notifications WHERE status = 'delivered' ORDER BY id DESC LIMIT 1");
        return (Guid.Parse(Convert.ToString(detail, CultureInfo.InvariantCulture)!), events);
    }

    /// <summary>Events for a sample, if this build has <c>notification_events</c> (id, notification_id, at, kind, detail); 0 when it has not.</summary>
    private async Task<int> SeedEventsAsync(DbConnection connection)
    {
        var sqlite = provider == DatabaseProvider.Sqlite;
        var idType = await ScalarAsync(connection, sqlite
            ? "SELECT type FROM pragma_table_info('notification_events') WHERE name = 'id'"
            : "SELECT data_type FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = 'notification_events' AND column_name = 'id'");
        if (idType is null or DBNull)
        {
            return 0;
        }

        // The ids: a new GUID in the column's stored form, or the database's own when it numbers them.
        var type = Convert.ToString(idType, CultureInfo.InvariantCulture)!.ToUpperInvariant();
        var (column, value) = type switch
        {
            "UUID" => ("id, ", "gen_random_uuid(), "),
            "TEXT" => ("id, ", "upper(hex(randomblob(4)) || '-' || hex(randomblob(2)) || '-' || hex(randomblob(2)) || '-' || hex(randomblob(2)) || '-' || hex(randomblob(6))), "),
            _ => ("", ""),
        };

        // Times copied from the notification's own columns keep each backend's stored form.
        var sql = $"""
            WITH sample AS (SELECT id, sent_at, completed_at FROM notifications WHERE status = 'delivered' ORDER BY id DESC LIMIT {EventSample})
            INSERT INTO notification_events ({column}notification_id, at, kind, detail)
            SELECT {value}id, sent_at, 'sending', 'Sent to the provider' FROM sample
            UNION ALL
            SELECT {value}id, completed_at, 'delivered', 'Delivery receipt from the provider' FROM sample
            """;
        try
        {
            var rows = await ExecuteAsync(connection, sql);
            if (!sqlite)
            {
                await ExecuteAsync(connection, "ANALYZE notification_events");
            }

            return rows;
        }
        catch (DbException ex)
        {
            // A table of another shape than expected: the pages are timed all the same.
            Console.WriteLine($"    {provider}: notification_events present but not seeded: {ex.Message}");
            return 0;
        }
    }

    /// <summary>The i-th of <see cref="UiSettings.Notifications"/>, evenly spread over the last seven days, oldest first.</summary>
    private NotificationRecord Notification(int i, Random random, IReadOnlyList<SeedService> services, DateTime now)
    {
        var service = services[random.Next(services.Count)];
        var sms = random.NextDouble() < 0.4;
        var created = now - (TimeSpan.FromDays(7) * (1 - ((i + random.NextDouble()) / ui.Notifications)));
        var status = Status(random.NextDouble(), now - created);
        var sent = status != NotificationStatus.Created;
        var phone = (i % 1_000).ToString("000", CultureInfo.InvariantCulture);
        return new NotificationRecord
        {
            Id = Guid.CreateVersion7(new DateTimeOffset(created, TimeSpan.Zero)),
            ServiceId = service.Id,
            TemplateId = sms ? service.SmsTemplate : service.EmailTemplate,
            TemplateVersion = 1,
            ApiKeyId = service.Key,
            KeyType = KeyType.Normal,
            Type = sms ? TemplateType.Sms : TemplateType.Email,
            To = sms ? $"07700 900{phone}" : $"reader{i}@example.com",
            NormalisedTo = sms ? $"447700900{phone}" : $"reader{i}@example.com",
            Reference = $"ref-{i}",
            Status = status,
            Body = sms ? $"Your code is {i % 1_000_000:000000}" : $"Dear Ada,\n\nYour reference is REF-{i}.\n\n* one\n* two",
            Subject = sms ? null : $"Your reference REF-{i}",
            BillableUnits = sms ? 1 : 0,
            ProviderName = sent ? (sms ? "twilio" : "smtp") : null,
            ProviderReference = sent ? $"bench-{i}" : null,
            CreatedAt = created,
            SentAt = sent ? created.AddSeconds(1) : null,
            CompletedAt = NotificationStatus.IsFinal(status) ? created.AddSeconds(5) : null,
        };
    }

    /// <summary>
    /// Mostly delivered, a few failures of each kind; created and sending only in the last three
    /// days (older ones would have been delivered, or failed by the check for missing receipts).
    /// </summary>
    private static string Status(double draw, TimeSpan age) => draw switch
    {
        < 0.02 when age < TimeSpan.FromDays(3) => NotificationStatus.Created,
        < 0.05 when age < TimeSpan.FromDays(3) => NotificationStatus.Sending,
        < 0.05 => NotificationStatus.Delivered,
        < 0.08 => NotificationStatus.PermanentFailure,
        < 0.10 => NotificationStatus.TemporaryFailure,
        < 0.12 => NotificationStatus.TechnicalFailure,
        _ => NotificationStatus.Delivered,
    };

    private async Task<PageResult> TimeAsync(HttpClient client, string name, string path)
    {
        var statuses = new Dictionary<int, int>();
        var shown = new HashSet<string>(StringComparer.Ordinal);
        var notFound = 0;
        for (var i = 0; i < ui.WarmUp; i++)
        {
            var status = await GetAsync(client, name, path, shown);
            if (status == 404)
            {
                notFound++;
            }
            else if (status != 200)
            {
                statuses[status] = statuses.GetValueOrDefault(status) + 1;
            }
        }

        if (notFound == ui.WarmUp)
        {
            return PageResult.Absent(name, "404: not in this build");
        }

        if (notFound > 0)
        {
            statuses[404] = notFound;
        }

        var latencies = new List<double>(ui.Requests);
        for (var i = 0; i < ui.Requests; i++)
        {
            var start = Stopwatch.GetTimestamp();
            var status = await GetAsync(client, name, path, shown);
            latencies.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
            if (status != 200)
            {
                statuses[status] = statuses.GetValueOrDefault(status) + 1;
            }
        }

        var errors = string.Join(", ", statuses.OrderBy(s => s.Key).Select(s => $"{s.Value} x {s.Key}"));
        return new PageResult(name, false, Stats.Percentile(latencies, 50), Stats.Percentile(latencies, 99), latencies.Max(), errors.Length == 0 ? null : errors);
    }

    /// <summary>One GET, its body read to the end as a browser would; the first unexpected answer of each page is shown.</summary>
    private static async Task<int> GetAsync(HttpClient client, string name, string path, HashSet<string> shown)
    {
        using var response = await client.GetAsync(new Uri(path, UriKind.Relative));
        var body = await response.Content.ReadAsStringAsync();
        var status = (int)response.StatusCode;
        if (status is not (200 or 404) && shown.Add(name))
        {
            Console.Error.WriteLine($"  {name}: unexpected {status} {response.Headers.Location}: {body[..Math.Min(body.Length, 300)]}");
        }

        return status;
    }

    /// <summary>The href of the first page's "Older" link, if it has one.</summary>
    private static async Task<string?> OlderLinkAsync(HttpClient client)
    {
        var page = new Uri(client.BaseAddress!, "/admin/notifications");
        var html = await client.GetStringAsync(page);
        foreach (Match link in Link().Matches(html))
        {
            if (WebUtility.HtmlDecode(Tag().Replace(link.Groups["text"].Value, "")).Trim().StartsWith("Older", StringComparison.Ordinal))
            {
                // Resolved as a browser would, for an href of "?before=..." as much as a full path.
                return new Uri(page, WebUtility.HtmlDecode(link.Groups["href"].Value)).PathAndQuery;
            }
        }

        return null;
    }

    /// <summary>A client holding the session cookie: the sign-in form fetched for its antiforgery token and cookie, then posted.</summary>
    private static async Task<HttpClient> SignInAsync(string baseUrl)
    {
        var cookies = new CookieContainer();
        var client = new HttpClient(new SocketsHttpHandler { CookieContainer = cookies, AllowAutoRedirect = false, PooledConnectionLifetime = Timeout.InfiniteTimeSpan })
        {
            BaseAddress = new Uri(baseUrl),
        };
        try
        {
            var signIn = new Uri("/admin/sign-in", UriKind.Relative);
            var form = await client.GetStringAsync(signIn);
            var token = Antiforgery().Match(form) is { Success: true } match
                ? WebUtility.HtmlDecode(match.Groups[1].Value)
                : throw new InvalidOperationException("no __RequestVerificationToken on /admin/sign-in");
            using var content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["email"] = Email, ["password"] = Password, ["returnUrl"] = "", ["__RequestVerificationToken"] = token,
            });
            using var response = await client.PostAsync(signIn, content);
            if (response.StatusCode != HttpStatusCode.Redirect || cookies.GetCookies(new Uri($"{baseUrl}/admin"))["herald-admin"] is null)
            {
                throw new InvalidOperationException($"sign-in answered {(int)response.StatusCode} without the herald-admin cookie");
            }

            return client;
        }
        catch
        {
            client.Dispose();
            throw;
        }
    }

    private static async Task<object?> ScalarAsync(DbConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return await command.ExecuteScalarAsync();
    }

    private static async Task<int> ExecuteAsync(DbConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return await command.ExecuteNonQueryAsync();
    }

    [GeneratedRegex("""<input[^>]*name="__RequestVerificationToken"[^>]*value="([^"]*)"[^>]*>""")]
    private static partial Regex Antiforgery();

    [GeneratedRegex("""<a\s[^>]*href="(?<href>[^"]*)"[^>]*>(?<text>.*?)</a>""", RegexOptions.Singleline)]
    private static partial Regex Link();

    [GeneratedRegex("<[^>]*>")]
    private static partial Regex Tag();
}

/// <summary>One page's figures in one run; <see cref="Missing"/> when it answered 404 to every warm-up request.</summary>
/// <param name="Errors">Answers other than 200, as "count x status"; null when there were none.</param>
/// <param name="Note">Why a missing page is missing.</param>
internal sealed record PageResult(string Name, bool Missing, double P50, double P99, double Max, string? Errors, string? Note = null)
{
    public static PageResult Absent(string name, string why) => new(name, true, double.NaN, double.NaN, double.NaN, null, why);
}

internal sealed record UiRun(int Run, double SeedSeconds, int Events, IReadOnlyList<PageResult> Pages);
