using System.Text.RegularExpressions;
using Herald.Admin.Users;
using Herald.Notifications;
using Herald.Services;
using Herald.Storage;
using Herald.Templates;
using Herald.Tests.Fixtures;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Herald.Tests.AdminUi;

/// <summary>The message log and a notification's detail.</summary>
[Collection(BrowserCollection.Name)]
public sealed class MessagePagesTests(BrowserFixture browser)
{
    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task A_sent_message_is_found_in_the_log_and_its_timeline_shows_it_delivered(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var app = await HeraldApp.StartAsync(database);
        var service = await app.CreateReadyServiceAsync();
        var email = (await app.SendEmailAsync(service, "reader@example.com", reference: "welcome-1")).GetProperty("id").GetString()!;
        var sms = (await app.SendSmsAsync(service, "07700900123", new { code = "4321" }, reference: "code-1")).GetProperty("id").GetString()!;
        await app.WaitForStatusAsync(service.Key, email, "delivered");
        await app.WaitForStatusAsync(service.Key, sms, "delivered");
        await using var tab = await AdminUsers.SignedInAsync(browser, app, AdminRole.Viewer);
        var page = tab.Page;

        await tab.GoAsync("/admin/notifications");
        var rows = page.GetByRole(AriaRole.Table).GetByRole(AriaRole.Row);
        await Assertions.Expect(rows.Filter(new() { HasText = "reader@example.com" })).ToContainTextAsync("delivered");
        await Assertions.Expect(rows.Filter(new() { HasText = "07700900123" })).ToContainTextAsync("code-1");
        await tab.AssertAccessibleAsync();
        await tab.ScreenshotAsync("messages");

        await page.GetByLabel("Channel").SelectOptionAsync("sms");
        await page.GetByLabel("Status").SelectOptionAsync("delivered");
        await page.GetByRole(AriaRole.Button, new() { Name = "Filter" }).ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("channel=sms"));
        await Assertions.Expect(rows.Filter(new() { HasText = "reader@example.com" })).ToHaveCountAsync(0);
        await page.GetByRole(AriaRole.Link, new() { Name = "07700900123" }).ClickAsync();

        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync("Text message to 07700900123");
        var timeline = page.Locator("ol.timeline > li");
        await Assertions.Expect(timeline.First).ToContainTextAsync("Accepted");
        await Assertions.Expect(timeline.Filter(new() { HasText = "Sent to" })).ToHaveCountAsync(1);
        await Assertions.Expect(timeline.Last).ToContainTextAsync("Delivered");
        await Assertions.Expect(page.Locator("pre")).ToContainTextAsync("4321");
        await tab.AssertAccessibleAsync();
        await tab.ScreenshotAsync("notification-timeline");
        await page.SetViewportSizeAsync(375, 800);
        await tab.AssertAccessibleAsync();
        await tab.ScreenshotAsync("notification-timeline-phone");

        var missing = await page.GotoAsync($"/admin/notifications/{Guid.NewGuid()}", new() { WaitUntil = WaitUntilState.Commit });
        Assert.Equal(404, missing!.Status);
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("No such message");
    }

    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task The_log_pages_older_and_names_a_wrong_filter_instead_of_failing(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var app = await HeraldApp.StartAsync(database);
        var service = await app.CreateReadyServiceAsync();
        var start = new DateTime(2026, 12, 1, 8, 0, 0, DateTimeKind.Utc);
        await using (var context = app.Services.GetRequiredService<HeraldDatabase>().CreateContext())
        {
            context.Notifications.AddRange(Enumerable.Range(0, 60).Select(i => new NotificationRecord
            {
                Id = Guid.NewGuid(), ServiceId = service.Id, TemplateId = service.EmailTemplateId, TemplateVersion = 1, KeyType = KeyType.Normal,
                Type = TemplateType.Email, To = $"member{i:D2}@example.com", NormalisedTo = $"member{i:D2}@example.com",
                Status = NotificationStatus.Delivered, Body = "Hello", Subject = "Hi", CreatedAt = start.AddMinutes(i),
            }));
            await context.SaveChangesAsync();
        }

        await using var tab = await AdminUsers.SignedInAsync(browser, app, AdminRole.Viewer, width: 375);
        var page = tab.Page;
        await tab.GoAsync("/admin/notifications");
        var links = page.GetByRole(AriaRole.Table).GetByRole(AriaRole.Link);
        await Assertions.Expect(links).ToHaveCountAsync(50);
        await Assertions.Expect(links.First).ToHaveTextAsync("member59@example.com");
        await tab.AssertAccessibleAsync();
        await tab.ScreenshotAsync("messages-phone");

        await page.GetByRole(AriaRole.Link, new() { Name = "Older" }).ClickAsync();
        await Assertions.Expect(links).ToHaveCountAsync(10);
        await Assertions.Expect(links.First).ToHaveTextAsync("member09@example.com");
        await Assertions.Expect(links.Last).ToHaveTextAsync("member00@example.com");
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "Older" })).ToHaveCountAsync(0);
        await page.GetByRole(AriaRole.Link, new() { Name = "Newest" }).ClickAsync();
        await Assertions.Expect(links.First).ToHaveTextAsync("member59@example.com");

        foreach (var (query, message) in new[]
        {
            ("status=bogus", "The status must be delivered, sending or failed."),
            ("channel=letter", "The channel must be email or sms."),
            ("service=not-a-service", "There is no such service."),
            ("before=12_34", "That page address is not one the log made."),
            ("before=99999999999999999999_00000000000000000000000000000000", "That page address is not one the log made."),
        })
        {
            await tab.GoAsync($"/admin/notifications?{query}");
            await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync(message);
        }
    }

    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task The_search_box_finds_messages_by_part_of_a_recipient_or_a_reference(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var app = await HeraldApp.StartAsync(database);
        var service = await app.CreateReadyServiceAsync();
        await app.SendEmailAsync(service, "reader@example.com", reference: "welcome-1");
        await app.SendSmsAsync(service, "07700900123", new { code = "4321" }, reference: "code-1");
        await app.SendSmsAsync(service, "07700900456", new { code = "4321" }, reference: "code-2");
        await using var tab = await AdminUsers.SignedInAsync(browser, app, AdminRole.Viewer);
        var page = tab.Page;
        await tab.GoAsync("/admin/notifications");
        var links = page.GetByRole(AriaRole.Table).GetByRole(AriaRole.Link);
        await Assertions.Expect(links).ToHaveCountAsync(3);

        await page.GetByLabel("Recipient or reference").FillAsync("+44 7700 900123");
        await page.GetByLabel("Search in").SelectOptionAsync("sms");
        await page.GetByRole(AriaRole.Button, new() { Name = "Search" }).ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("type=sms"));
        await Assertions.Expect(links).ToHaveCountAsync(1);
        await Assertions.Expect(links.First).ToHaveTextAsync("07700900123");
        await tab.AssertAccessibleAsync();
        await tab.ScreenshotAsync("messages-search");

        await page.GetByLabel("Recipient or reference").FillAsync("WELCOME");
        await page.GetByLabel("Search in").SelectOptionAsync("");
        await page.GetByRole(AriaRole.Button, new() { Name = "Search" }).ClickAsync();
        await Assertions.Expect(links).ToHaveCountAsync(1);
        await Assertions.Expect(links.First).ToHaveTextAsync("reader@example.com");

        await tab.GoAsync("/admin/notifications?q=nobody-at-all");
        await Assertions.Expect(page.GetByText("No messages match")).ToBeVisibleAsync();
        await tab.GoAsync("/admin/notifications?q=ada&type=sms");
        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("The search term must be a phone number or part of one when type is sms");
        await tab.GoAsync("/admin/notifications?q=ada&older=nope");
        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("That page address is not one the search made.");
    }
}
