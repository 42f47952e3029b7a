using System.Text.Json;
using Herald.Notifications;
using Herald.Retention;
using Herald.Services;
using Herald.Storage;
using Herald.Templates;
using Herald.Tests.Fixtures;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Herald.Tests.Search;

/// <summary>Search by recipient (normalised as a send normalises it) or client reference, partial matches through trigram indexes.</summary>
public sealed class SearchTests
{
    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task A_part_of_an_email_address_finds_it_whatever_its_case_and_only_in_the_service_searched(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var app = await HeraldApp.StartAsync(database);
        var service = await app.CreateReadyServiceAsync();
        var other = await app.CreateReadyServiceAsync();
        var ada = Id(await app.SendEmailAsync(service, "Ada.Lovelace@Example.org"));
        var grace = Id(await app.SendEmailAsync(service, "grace@example.org"));
        await app.SendEmailAsync(other, "ada.lovelace@example.org");

        Assert.Equal([ada], await SearchAsync(app, service, "ADA.LOVELACE@example.ORG", "email"));
        Assert.Equal([ada], await SearchAsync(app, service, "lovelace", "email"));
        Assert.Equal([grace, ada], await SearchAsync(app, service, "@example.org", "email"));
        Assert.Equal([ada], await SearchAsync(app, service, " Ada.Love ", null));
        Assert.Empty(await SearchAsync(app, service, "lovelace", "reference"));
        Assert.Empty(await SearchAsync(app, service, "hopper", "email"));
    }

    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task A_phone_number_is_found_from_any_of_its_written_forms_and_from_a_part(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var app = await HeraldApp.StartAsync(database);
        var service = await app.CreateReadyServiceAsync();
        var sent = Id(await app.SendSmsAsync(service, "07700 900123"));
        await app.SendSmsAsync(service, "07700 900456");

        foreach (var written in new[] { "07700900123", "+44 7700 900123", "447700900123", "(07700) 900-123", "0044 7700 900 123", "900123", "900 123", "7700-900-12" })
        {
            Assert.True((await SearchAsync(app, service, written, "sms")).Contains(sent), $"'{written}' finds the number");
        }

        Assert.Equal([sent], await SearchAsync(app, service, "+44 7700 900123", null));
        Assert.Equal(2, (await SearchAsync(app, service, "07700 900", "sms")).Count);
        Assert.Empty(await SearchAsync(app, service, "07700900789", "sms"));
        await HeraldApp.ExpectErrorAsync(await app.Admin.GetAsync(Path(service, "ada", "sms")), 400, "ValidationError", "q must be a phone number or part of one when type is sms");
    }

    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task A_reference_is_searched_as_a_reference_and_never_mistaken_for_a_phone_number(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var app = await HeraldApp.StartAsync(database);
        var service = await app.CreateReadyServiceAsync();
        var byReference = Id(await app.SendEmailAsync(service, "someone@example.org", reference: "07700900123"));
        var byNumber = Id(await app.SendSmsAsync(service, "07700900123", reference: "Invoice-2041"));
        var invoice = Id(await app.SendEmailAsync(service, "billing@example.org", reference: "invoice-2042"));

        Assert.Equal([byReference], await SearchAsync(app, service, "07700900123", "reference"));
        Assert.Equal([byNumber], await SearchAsync(app, service, "07700900123", "sms"));
        Assert.Equal([byNumber, byReference], await SearchAsync(app, service, "07700900123", null)); // no type: both, not a guess
        Assert.Equal([invoice, byNumber], await SearchAsync(app, service, "INVOICE-20", "reference"));
        Assert.Equal([byNumber], await SearchAsync(app, service, "e-2041", null));
        Assert.Empty(await SearchAsync(app, service, "2041%", "reference")); // LIKE's wildcards are literal
    }

    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task Test_key_notifications_are_left_out_and_a_short_term_matches_only_a_whole_value(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var app = await HeraldApp.StartAsync(database);
        var service = await app.CreateReadyServiceAsync();
        var testKey = await app.CreateKeyAsync(service.Id, "test");
        await app.SendEmailAsync(service with { Key = testKey }, "tested@example.org", reference: "t1");
        var live = Id(await app.SendEmailAsync(service, "live@example.org", reference: "L1"));
        await app.SendEmailAsync(service, "other@example.org", reference: "L12");

        Assert.Empty(await SearchAsync(app, service, "tested", null));
        Assert.Empty(await SearchAsync(app, service, "t1", "reference"));
        Assert.Equal([live], await SearchAsync(app, service, "L1", "reference"));
    }

    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task Results_come_newest_first_fifty_a_page_by_older_than(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var app = await HeraldApp.StartAsync(database);
        var service = await app.CreateReadyServiceAsync();
        var start = TimeProvider.System.GetUtcNow().UtcDateTime.AddHours(-2);
        var rows = Enumerable.Range(0, 120).Select(i => Row(service, $"member{i:D3}@club.example", start.AddSeconds(i))).ToList();
        rows.Add(Row(service, "member999@elsewhere.example", start.AddSeconds(500)));
        await using (var context = app.Services.GetRequiredService<HeraldDatabase>().CreateContext())
        {
            context.Notifications.AddRange(rows);
            await context.SaveChangesAsync();
        }

        var expected = rows.Take(120).OrderByDescending(r => r.CreatedAt).Select(r => r.Id).ToList();
        var found = new List<Guid>();
        var path = Path(service, "@club.example", "email");
        var pages = 0;
        while (path is not null)
        {
            var body = await HeraldApp.ExpectAsync(await app.Admin.GetAsync(path), 200);
            var page = body.GetProperty("notifications").EnumerateArray().Select(n => n.GetProperty("id").GetGuid()).ToList();
            Assert.True(page.Count <= 50);
            found.AddRange(page);
            path = body.GetProperty("links").GetProperty("older").GetString();
            pages++;
        }

        Assert.Equal(3, pages);
        Assert.Equal(expected, found);
    }

    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task Archived_notifications_leave_the_index_with_their_rows(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var app = await HeraldApp.StartAsync(database);
        var service = await app.CreateReadyServiceAsync();
        var old = Row(service, "archived@example.org", TimeProvider.System.GetUtcNow().UtcDateTime.AddDays(-30));
        var kept = Id(await app.SendEmailAsync(service, "kept@example.org"));
        await using (var context = app.Services.GetRequiredService<HeraldDatabase>().CreateContext())
        {
            context.Notifications.Add(old);
            await context.SaveChangesAsync();
        }

        Assert.Equal(2, (await SearchAsync(app, service, "@example.org", "email")).Count);
        Assert.Equal(1, await app.Services.GetRequiredService<NotificationArchiver>().ArchiveAsync(CancellationToken.None));
        Assert.Equal([kept], await SearchAsync(app, service, "@example.org", "email"));
        if (provider == DatabaseProvider.Sqlite)
        {
            // The FTS5 index has no entry left for a deleted row (its check compares it to the table).
            await using var context = app.Services.GetRequiredService<HeraldDatabase>().CreateContext();
            await context.Database.ExecuteSqlRawAsync("INSERT INTO notification_search(notification_search, rank) VALUES ('integrity-check', 1)");
        }
    }

    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task Bad_searches_are_refused_in_notifys_format(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var app = await HeraldApp.StartAsync(database);
        var service = await app.CreateReadyServiceAsync();

        await HeraldApp.ExpectErrorAsync(await app.Admin.GetAsync(Path(service, "  ", null)), 400, "ValidationError", "q is required: a recipient, part of one, or a reference");
        await HeraldApp.ExpectErrorAsync(await app.Admin.GetAsync(Path(service, "x", "letter")), 400, "ValidationError", "type must be email, sms or reference");
        await HeraldApp.ExpectErrorAsync(await app.Admin.GetAsync(Path(service, new string('a', 256), null)), 400, "ValidationError", "q must be at most 255 characters");
        await HeraldApp.ExpectErrorAsync(await app.Admin.GetAsync(Path(service, "a\0b", null)), 400, "ValidationError", "q is not valid text: it has a lone surrogate or a NUL character");
        await HeraldApp.ExpectErrorAsync(await app.Admin.GetAsync($"{Path(service, "abc", null)}&older_than=nope"), 400, "ValidationError", "older_than is not a valid UUID");
        await HeraldApp.ExpectErrorAsync(await app.Admin.GetAsync($"/admin/api/services/{Guid.NewGuid()}/notifications/search?q=abc"), 404, "NoResultFound", "No result found");
        var unknownCursor = await HeraldApp.ExpectAsync(await app.Admin.GetAsync($"{Path(service, "abc", null)}&older_than={Guid.NewGuid()}"), 200);
        Assert.Equal(0, unknownCursor.GetProperty("notifications").GetArrayLength());
    }

    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task The_command_line_searches_through_the_admin_api(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var app = await HeraldApp.StartAsync(database);
        var service = await app.CreateReadyServiceAsync();
        var sent = Id(await app.SendSmsAsync(service, "07700 900321", reference: "cli-check"));

        var (exitCode, output) = await HeraldProcess.RunToEndAsync(
            "search", "900 321", "--type", "sms", "--service", service.Id.ToString(), "--url", app.Admin.BaseAddress!.ToString(), "--admin-token", HeraldApp.AdminToken);

        Assert.True(exitCode == 0, output);
        Assert.Contains(sent.ToString(), output, StringComparison.Ordinal);
        Assert.Contains("cli-check", output, StringComparison.Ordinal);
    }

    private static async Task<List<Guid>> SearchAsync(HeraldApp app, TestService service, string q, string? type)
    {
        var body = await HeraldApp.ExpectAsync(await app.Admin.GetAsync(Path(service, q, type)), 200);
        return [.. body.GetProperty("notifications").EnumerateArray().Select(n => n.GetProperty("id").GetGuid())];
    }

    private static string Path(TestService service, string q, string? type) =>
        $"/admin/api/services/{service.Id}/notifications/search?q={Uri.EscapeDataString(q)}{(type is null ? "" : $"&type={type}")}";

    private static Guid Id(JsonElement created) => created.GetProperty("id").GetGuid();

    private static NotificationRecord Row(TestService service, string to, DateTime createdAt) => new()
    {
        Id = Guid.NewGuid(), ServiceId = service.Id, TemplateId = service.EmailTemplateId, TemplateVersion = 1, KeyType = KeyType.Normal,
        Type = TemplateType.Email, To = to, NormalisedTo = to, Status = NotificationStatus.Delivered, Body = "Hello", CreatedAt = createdAt,
    };
}
