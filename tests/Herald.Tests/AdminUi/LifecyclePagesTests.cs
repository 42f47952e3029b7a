using Herald.Admin.Users;
using Herald.Storage;
using Herald.Tests.Fixtures;
using Microsoft.Playwright;

namespace Herald.Tests.AdminUi;

/// <summary>Retention, the last seven days' statistics and a template's last use, on the service's pages.</summary>
[Collection(BrowserCollection.Name)]
public sealed class LifecyclePagesTests(BrowserFixture browser)
{
    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task An_editor_sets_retention_and_sees_the_weeks_figures_and_when_a_template_was_last_used(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var app = await HeraldApp.StartAsync(database);
        var service = await app.CreateReadyServiceAsync();
        await using var tab = await AdminUsers.SignedInAsync(browser, app, AdminRole.Editor);
        var page = tab.Page;

        await tab.GoAsync($"/admin/services/{service.Id}/templates/{service.EmailTemplateId}");
        await Assertions.Expect(page.GetByText("Last used: never")).ToBeVisibleAsync();
        var id = (await app.SendEmailAsync(service, "reader@example.com")).GetProperty("id").GetString()!;
        await app.WaitForStatusAsync(service.Key, id, "delivered");
        await tab.GoAsync($"/admin/services/{service.Id}/templates/{service.EmailTemplateId}");
        await Assertions.Expect(page.GetByText("Last used: never")).ToHaveCountAsync(0);
        await Assertions.Expect(page.GetByText("Last used: 20")).ToBeVisibleAsync();

        await tab.GoAsync($"/admin/services/{service.Id}");
        var week = page.GetByRole(AriaRole.Table, new() { Name = "requested, delivered and failed" });
        await Assertions.Expect(week.GetByRole(AriaRole.Row, new() { Name = "Email" })).ToHaveAccessibleNameAsync("Email 1 1 0");
        var retention = page.GetByRole(AriaRole.Table, new() { Name = "Days kept per channel" });
        await Assertions.Expect(retention.GetByRole(AriaRole.Row, new() { Name = "Email" })).ToContainTextAsync("7 (default)");

        await page.GetByLabel("Channel").SelectOptionAsync("email");
        await page.GetByRole(AriaRole.Spinbutton, new() { Name = "Days" }).FillAsync("30");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save retention" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("Retention saved.");
        await Assertions.Expect(retention.GetByRole(AriaRole.Row, new() { Name = "Email" })).ToHaveAccessibleNameAsync("Email 30");
        await tab.AssertAccessibleAsync();
        await tab.ScreenshotAsync("service-retention");

        // Past the browser's own min and max: the server's check answers.
        await page.GetByRole(AriaRole.Spinbutton, new() { Name = "Days" }).EvaluateAsync("e => { e.removeAttribute('min'); e.value = '2'; }");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save retention" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("days must be between 3 and 90");
    }
}
