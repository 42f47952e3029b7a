using System.Text.RegularExpressions;
using System.Net.Http.Json;
using System.Text.Json;
using Herald.Facts;
using Herald.Notifications;
using Herald.Providers.Capture;
using Herald.Retention;
using Herald.Services;
using Herald.Storage;
using Herald.Templates;
using Herald.Tests.Fixtures;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Herald.Tests.Retention;

/// <summary>Retention per service and channel, the nightly archive into history and the daily facts that keep counting what it moved.</summary>
public sealed class RetentionTests
{
    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task Retention_is_seven_days_until_set_and_only_three_to_ninety_days_are_allowed(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var app = await HeraldApp.StartAsync(database);
        var service = await app.CreateReadyServiceAsync();
        var path = $"/admin/api/services/{service.Id}/retention";

        var defaults = await HeraldApp.ExpectAsync(await app.Admin.GetAsync(path), 200);
        Assert.Equal("[{\"channel\":\"email\",\"days\":7,\"is_default\":true},{\"channel\":\"sms\",\"days\":7,\"is_default\":true}]", defaults.GetProperty("data").GetRawText());

        var set = await HeraldApp.ExpectAsync(await app.Admin.PutAsJsonAsync($"{path}/email", new { days = 30 }), 200);
        Assert.Equal(30, set.GetProperty("days").GetInt32());
        var after = await HeraldApp.ExpectAsync(await app.Admin.GetAsync(path), 200);
        Assert.Equal([(30, false), (7, true)], after.GetProperty("data").EnumerateArray().Select(r => (r.GetProperty("days").GetInt32(), r.GetProperty("is_default").GetBoolean())));

        foreach (var days in new[] { 2, 91, -1 })
        {
            await HeraldApp.ExpectErrorAsync(await app.Admin.PutAsJsonAsync($"{path}/sms", new { days }), 400, "ValidationError", "days must be between 3 and 90");
        }

        await HeraldApp.ExpectErrorAsync(await app.Admin.PutAsJsonAsync($"{path}/letter", new { days = 10 }), 400, "ValidationError", "channel must be email or sms");
        await HeraldApp.ExpectErrorAsync(await app.Admin.GetAsync($"/admin/api/services/{Guid.NewGuid()}/retention"), 404, "NoResultFound", "No result found");
    }

    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task The_archive_moves_old_notifications_to_history_in_batches_without_anything_personal(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var app = await HeraldApp.StartAsync(database, settings: new Dictionary<string, string?> { ["Retention:BatchSize"] = "7" });
        var service = await app.CreateReadyServiceAsync();
        var other = await app.CreateReadyServiceAsync();
        await HeraldApp.ExpectAsync(await app.Admin.PutAsJsonAsync($"/admin/api/services/{other.Id}/retention/sms", new { days = 30 }), 200);
        var today = TimeProvider.System.GetUtcNow().UtcDateTime.Date;
        var cutoff = today.AddDays(-7);

        // A real send, then aged: the API must not find it once it is archived.
        var sent = Guid.Parse((await app.SendEmailAsync(service, "old@example.com", new { name = "Ada", code = "1" }, reference: "aged")).GetProperty("id").GetString()!);
        await app.WaitForStatusAsync(service.Key, sent.ToString(), "delivered");
        var seeded = new List<NotificationRecord>();
        seeded.AddRange(Enumerable.Range(0, 20).Select(i => Row(service, TemplateType.Sms, KeyType.Normal, cutoff.AddMinutes(-1 - i))));
        seeded.Add(Row(service, TemplateType.Sms, KeyType.Test, cutoff.AddDays(-1)));
        seeded.Add(Row(service, TemplateType.Sms, KeyType.Normal, cutoff)); // the first moment kept
        seeded.Add(Row(service, TemplateType.Email, KeyType.Normal, cutoff.AddDays(1)));
        seeded.Add(Row(other, TemplateType.Sms, KeyType.Normal, cutoff.AddDays(-10))); // within its 30 days
        seeded.Add(Row(other, TemplateType.Sms, KeyType.Normal, today.AddDays(-31)));
        await using (var context = app.Services.GetRequiredService<HeraldDatabase>().CreateContext())
        {
            context.Notifications.AddRange(seeded);
            await context.SaveChangesAsync();
            await context.Notifications.Where(n => n.Id == sent).ExecuteUpdateAsync(u => u.SetProperty(n => n.CreatedAt, cutoff.AddHours(-2)));
            context.NotificationEvents.Add(new NotificationEventRecord { NotificationId = seeded[0].Id, Kind = NotificationEventKinds.Receipt, Detail = "d", At = cutoff });
            await context.SaveChangesAsync();
        }

        var archiver = app.Services.GetRequiredService<NotificationArchiver>();
        Assert.Equal(23, await archiver.ArchiveAsync(CancellationToken.None));
        Assert.Equal(0, await archiver.ArchiveAsync(CancellationToken.None));

        await using var check = app.Services.GetRequiredService<HeraldDatabase>().CreateContext();
        var kept = await check.Notifications.Select(n => n.Id).ToListAsync();
        Assert.Equal(new[] { seeded[21].Id, seeded[22].Id, seeded[23].Id }.Order(), kept.Order());
        var history = await check.NotificationHistory.ToListAsync();
        var expected = seeded.Take(20).Append(seeded[24]).Select(n => n.Id).Append(sent).Order().ToList();
        Assert.Equal(expected, history.Select(h => h.Id).Order());
        var aged = Assert.Single(history, h => h.Id == sent);
        Assert.Equal(("aged", "delivered", "capture"), (aged.Reference, aged.Status, aged.ProviderName));
        Assert.Empty(await check.NotificationEvents.Where(e => e.NotificationId == seeded[0].Id).ToListAsync());
        Assert.Empty(await check.Set<CapturedMessageRecord>().Where(c => c.NotificationId == sent).ToListAsync());
        await HeraldApp.ExpectErrorAsync(await app.GetAsync(service.Key, $"/v2/notifications/{sent}"), 404, "NoResultFound", "No result found");
    }

    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task A_row_already_in_history_is_left_as_it_is_and_leaves_the_hot_table(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var app = await HeraldApp.StartAsync(database);
        var service = await app.CreateReadyServiceAsync();
        var row = Row(service, TemplateType.Email, KeyType.Normal, TimeProvider.System.GetUtcNow().UtcDateTime.Date.AddDays(-20));
        await using (var context = app.Services.GetRequiredService<HeraldDatabase>().CreateContext())
        {
            context.Notifications.Add(row);
            context.NotificationHistory.Add(new NotificationHistoryRecord
            {
                Id = row.Id, ServiceId = service.Id, TemplateId = row.TemplateId, TemplateVersion = 1, Type = TemplateType.Email, Status = "sending", CreatedAt = row.CreatedAt,
            });
            await context.SaveChangesAsync();
        }

        Assert.Equal(1, await app.Services.GetRequiredService<NotificationArchiver>().ArchiveAsync(CancellationToken.None));

        await using var check = app.Services.GetRequiredService<HeraldDatabase>().CreateContext();
        Assert.False(await check.Notifications.AnyAsync(n => n.Id == row.Id));
        Assert.Equal("sending", (await check.NotificationHistory.SingleAsync(h => h.Id == row.Id)).Status);
    }

    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task Facts_count_archived_notifications_and_statistics_and_last_used_read_them(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var app = await HeraldApp.StartAsync(database);
        var service = await app.CreateReadyServiceAsync();
        var today = TimeProvider.System.GetUtcNow().UtcDateTime.Date;
        var tenDaysAgo = today.AddDays(-10).AddHours(9);
        var rows = new List<NotificationRecord>
        {
            Row(service, TemplateType.Email, KeyType.Normal, tenDaysAgo, NotificationStatus.Delivered),
            Row(service, TemplateType.Email, KeyType.Normal, tenDaysAgo.AddMinutes(1), NotificationStatus.PermanentFailure),
            Row(service, TemplateType.Email, KeyType.Test, tenDaysAgo, NotificationStatus.Delivered),
            Row(service, TemplateType.Sms, KeyType.Normal, today.AddDays(-2).AddHours(8), NotificationStatus.Delivered),
            Row(service, TemplateType.Sms, KeyType.Normal, today.AddHours(0), NotificationStatus.Sending),
        };
        await using (var context = app.Services.GetRequiredService<HeraldDatabase>().CreateContext())
        {
            context.Notifications.AddRange(rows);
            await context.SaveChangesAsync();
        }

        // As nights pass: the facts of each day are built before the archive takes its rows.
        var facts = app.Services.GetRequiredService<FactsBuilder>();
        foreach (var back in Enumerable.Range(1, 12))
        {
            await facts.RebuildAsync(DateOnly.FromDateTime(today.AddDays(-back)), CancellationToken.None);
        }

        await app.Services.GetRequiredService<NotificationArchiver>().ArchiveAsync(CancellationToken.None);
        await facts.HandleAsync(null!, CancellationToken.None);

        await using (var context = app.Services.GetRequiredService<HeraldDatabase>().CreateContext())
        {
            // The test key's notification left without history; the facts made before still count it.
            Assert.Equal(2, await context.NotificationHistory.CountAsync(h => h.ServiceId == service.Id));
            Assert.Equal(3, await context.NotificationFacts.Where(f => f.Day == DateOnly.FromDateTime(tenDaysAgo) && f.ServiceId == service.Id).SumAsync(f => f.Count));

            // A day rebuilt after the archive equals a direct count of both tables.
            var (start, end) = (today.AddDays(-2), today.AddDays(-1));
            var direct = await context.NotificationHistory.CountAsync(h => h.ServiceId == service.Id && h.CreatedAt >= start && h.CreatedAt < end)
                + await context.Notifications.CountAsync(n => n.ServiceId == service.Id && n.CreatedAt >= start && n.CreatedAt < end);
            Assert.Equal(1, direct);
            Assert.Equal(direct, await context.NotificationFacts.Where(f => f.Day == DateOnly.FromDateTime(start) && f.ServiceId == service.Id).SumAsync(f => f.Count));
        }

        var statistics = await HeraldApp.ExpectAsync(await app.Admin.GetAsync($"/admin/api/services/{service.Id}/statistics?days=11"), 200);
        Assert.Equal("{\"email\":{\"requested\":2,\"delivered\":1,\"failed\":1},\"sms\":{\"requested\":2,\"delivered\":1,\"failed\":0}}", statistics.GetProperty("data").GetRawText());
        var week = await HeraldApp.ExpectAsync(await app.Admin.GetAsync($"/admin/api/services/{service.Id}/statistics"), 200);
        Assert.Equal(0, week.GetProperty("data").GetProperty("email").GetProperty("requested").GetInt32());
        Assert.Equal(2, week.GetProperty("data").GetProperty("sms").GetProperty("requested").GetInt32());
        var templates = await HeraldApp.ExpectAsync(await app.Admin.GetAsync($"/admin/api/services/{service.Id}/template-statistics?days=11"), 200);
        Assert.Equal([("Email", "email", 2), ("SMS", "sms", 2)], templates.GetProperty("data").EnumerateArray()
            .Select(t => (t.GetProperty("template_name").GetString(), t.GetProperty("template_type").GetString(), t.GetProperty("count").GetInt32())).OrderBy(t => t.Item1));

        // The email template was last used ten days ago, by notifications only history and the facts still know.
        var email = await HeraldApp.ExpectAsync(await app.Admin.GetAsync($"/admin/api/services/{service.Id}/templates/{service.EmailTemplateId}/last-used"), 200);
        Assert.Equal(today.AddDays(-10), DateTime.Parse(email.GetProperty("last_date_used").GetString()!, null, System.Globalization.DateTimeStyles.AdjustToUniversal));
        var sms = await HeraldApp.ExpectAsync(await app.Admin.GetAsync($"/admin/api/services/{service.Id}/templates/{service.SmsTemplateId}/last-used"), 200);
        Assert.Equal(today, DateTime.Parse(sms.GetProperty("last_date_used").GetString()!, null, System.Globalization.DateTimeStyles.AdjustToUniversal));
        await HeraldApp.ExpectErrorAsync(await app.Admin.GetAsync($"/admin/api/services/{service.Id}/statistics?days=0"), 400, "ValidationError", "days must be between 1 and 90");
        await HeraldApp.ExpectErrorAsync(await app.Admin.GetAsync($"/admin/api/services/{service.Id}/templates/{Guid.NewGuid()}/last-used"), 404, "NoResultFound", "No result found");
    }

    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task Facts_count_each_job_apart_from_single_sends_and_history_keeps_the_job(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var app = await HeraldApp.StartAsync(database);
        var service = await app.CreateReadyServiceAsync();
        var day = TimeProvider.System.GetUtcNow().UtcDateTime.Date.AddDays(-9).AddHours(10);
        var (first, second) = (Guid.NewGuid(), Guid.NewGuid());
        var rows = new List<NotificationRecord>
        {
            Row(service, TemplateType.Email, KeyType.Normal, day),
            Row(service, TemplateType.Email, KeyType.Normal, day),
            Row(service, TemplateType.Email, KeyType.Normal, day),
            Row(service, TemplateType.Email, KeyType.Normal, day),
        };
        (rows[0].JobId, rows[0].JobRowNumber) = (first, 1);
        (rows[1].JobId, rows[1].JobRowNumber) = (first, 2);
        (rows[2].JobId, rows[2].JobRowNumber) = (second, 1);
        await using (var context = app.Services.GetRequiredService<HeraldDatabase>().CreateContext())
        {
            context.Notifications.AddRange(rows);
            await context.SaveChangesAsync();
        }

        await using (var context = app.Services.GetRequiredService<HeraldDatabase>().CreateContext())
        {
            // One notification per job row: a retried batch cannot create the row again.
            var again = Row(service, TemplateType.Email, KeyType.Normal, day);
            (again.JobId, again.JobRowNumber) = (first, 2);
            context.Notifications.Add(again);
            await Assert.ThrowsAsync<DbUpdateException>(() => context.SaveChangesAsync());
        }

        await app.Services.GetRequiredService<NotificationArchiver>().ArchiveAsync(CancellationToken.None);
        await app.Services.GetRequiredService<FactsBuilder>().RebuildAsync(DateOnly.FromDateTime(day), CancellationToken.None);

        await using var check = app.Services.GetRequiredService<HeraldDatabase>().CreateContext();
        Assert.Equal([(first, 2), (second, 1)], (await check.NotificationHistory.Where(h => h.JobId != null).GroupBy(h => h.JobId!.Value)
            .Select(g => new { g.Key, Count = g.Count() }).ToListAsync()).Select(g => (g.Key, g.Count)).OrderBy(g => g.Count == 1));
        var facts = await check.NotificationFacts.Where(f => f.ServiceId == service.Id).ToListAsync();
        Assert.Equal(
            [(Guid.Empty, 1), (first, 2), (second, 1)],
            facts.Select(f => (f.JobId, f.Count)).OrderBy(f => f.JobId == Guid.Empty ? 0 : f.JobId == first ? 1 : 2));
    }

    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task The_morning_check_alerts_when_the_archive_or_the_facts_did_not_finish(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var app = await HeraldApp.StartAsync(database);
        var service = await app.CreateReadyServiceAsync();
        var today = TimeProvider.System.GetUtcNow().UtcDateTime.Date;
        await using (var context = app.Services.GetRequiredService<HeraldDatabase>().CreateContext())
        {
            context.Notifications.AddRange(
                Row(service, TemplateType.Sms, KeyType.Normal, today.AddDays(-9)), Row(service, TemplateType.Email, KeyType.Normal, today.AddHours(-3)));
            await context.SaveChangesAsync();
        }

        var check = app.Services.GetRequiredService<NightlyRunCheck>();
        Assert.Equal(2, await check.CheckAsync(CancellationToken.None));

        await app.Services.GetRequiredService<NotificationArchiver>().ArchiveAsync(CancellationToken.None);
        Assert.Equal(1, await check.CheckAsync(CancellationToken.None));
        await app.Services.GetRequiredService<FactsBuilder>().HandleAsync(null!, CancellationToken.None);
        Assert.Equal(0, await check.CheckAsync(CancellationToken.None));
    }

    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task Herald_retention_archive_has_the_server_move_what_is_due_now_and_says_how_it_went(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var app = await HeraldApp.StartAsync(database, settings: new Dictionary<string, string?> { ["Retention:BatchSize"] = "4" });
        var service = await app.CreateReadyServiceAsync();
        var today = TimeProvider.System.GetUtcNow().UtcDateTime.Date;
        var old = Enumerable.Range(0, 10).Select(i => Row(service, TemplateType.Email, KeyType.Normal, today.AddDays(-8).AddMinutes(i))).ToList();
        var recent = Row(service, TemplateType.Email, KeyType.Normal, today.AddDays(-6));
        await using (var context = app.Services.GetRequiredService<HeraldDatabase>().CreateContext())
        {
            context.Notifications.AddRange([.. old, recent]);
            await context.SaveChangesAsync();
        }

        Assert.Equal(10, await app.Services.GetRequiredService<NotificationArchiver>().CountDueAsync(CancellationToken.None));
        var (exitCode, output) = await HeraldProcess.RunToEndAsync(
            "retention", "archive", "--url", app.Admin.BaseAddress!.ToString(), "--admin-token", HeraldApp.AdminToken);
        Assert.True(exitCode == 0, output);
        Assert.True(Regex.IsMatch(output, @"Archived 10 notifications in [0-9.]+ s \([0-9]+ rows/s\), 3 batches, longest [0-9.]+ s"), output);
        Assert.Contains("100% 10 / 10 notifications", output, StringComparison.Ordinal);

        await using var check = app.Services.GetRequiredService<HeraldDatabase>().CreateContext();
        Assert.Equal([recent.Id], await check.Notifications.Where(n => n.ServiceId == service.Id).Select(n => n.Id).ToListAsync());
        Assert.Equal(old.Select(n => n.Id).Order(), (await check.NotificationHistory.Where(h => h.ServiceId == service.Id).Select(h => h.Id).ToListAsync()).Order());
    }

    private static NotificationRecord Row(TestService service, TemplateType type, KeyType keyType, DateTime createdAt, string status = NotificationStatus.Delivered) => new()
    {
        Id = Guid.NewGuid(), ServiceId = service.Id, TemplateId = type == TemplateType.Email ? service.EmailTemplateId : service.SmsTemplateId, TemplateVersion = 1,
        KeyType = keyType, Type = type, To = "person@example.com", NormalisedTo = "person@example.com", Status = status, Body = "Hello Ada",
        Personalisation = "secret", CreatedAt = createdAt,
    };
}
