using System.Net;
using System.Text.RegularExpressions;
using Herald.Admin.Users;
using Herald.Notifications;
using Herald.Services;
using Herald.Templates;
using Herald.Storage;
using Herald.Tests.Fixtures;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Herald.Tests.AdminUi;

[Collection(BrowserCollection.Name)]
public sealed class SignInTests(BrowserFixture browser)
{
    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task An_owner_signs_in_and_sees_the_dashboard(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var app = await HeraldApp.StartAsync(database);
        var service = await app.CreateReadyServiceAsync();
        await app.SendEmailAsync(service, "someone@example.com");
        var week = await SeedWeekAsync(app, service);
        await AdminUsers.CreateAsync(app, AdminRole.Owner);
        await using var tab = await AdminPage.OpenAsync(browser, app);

        await tab.Page.GotoAsync("/admin");
        Assert.Contains("/admin/sign-in", tab.Page.Url, StringComparison.Ordinal);
        await tab.AssertAccessibleAsync();
        await tab.ScreenshotAsync("sign-in");

        await tab.SignInAsync(AdminUsers.OwnerEmail, AdminUsers.Password);
        await Assertions.Expect(tab.Page.GetByRole(AriaRole.Heading, new() { Name = "Dashboard" })).ToBeVisibleAsync();
        await Assertions.Expect(tab.Page.GetByRole(AriaRole.Heading, new() { Name = service.Name })).ToBeVisibleAsync();
        await Assertions.Expect(tab.Page.GetByText($"Emails: {week.Emails + 1}")).ToBeVisibleAsync();
        await Assertions.Expect(tab.Page.GetByText($"Text messages: {week.Texts}")).ToBeVisibleAsync();
        await tab.AssertAccessibleAsync();
        await tab.ScreenshotAsync("dashboard");

        await tab.Page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();
        await Assertions.Expect(tab.Page).ToHaveURLAsync(new Regex("/admin/sign-in"));
        await Assertions.Expect(tab.Page.GetByRole(AriaRole.Button, new() { Name = "Sign in" })).ToBeVisibleAsync();
        await tab.Page.GotoAsync("/admin");
        Assert.Contains("/admin/sign-in", tab.Page.Url, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task A_wrong_password_is_refused_and_a_form_without_its_antiforgery_token_too(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var app = await HeraldApp.StartAsync(database);
        await AdminUsers.CreateAsync(app, AdminRole.Owner);
        await using var tab = await AdminPage.OpenAsync(browser, app);

        await tab.Page.GotoAsync("/admin/sign-in");
        await tab.Page.GetByLabel("Email address").FillAsync(AdminUsers.OwnerEmail);
        await tab.Page.GetByLabel("Password").FillAsync("not the password at all");
        await tab.Page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Assertions.Expect(tab.Page.GetByRole(AriaRole.Alert)).ToContainTextAsync("wrong");

        // The same form, posted by another site's page: no antiforgery token, so refused before the password is read.
        using var forged = new FormUrlEncodedContent(new Dictionary<string, string> { ["email"] = AdminUsers.OwnerEmail, ["password"] = AdminUsers.Password });
        using var response = await app.Http.PostAsync("/admin/sign-in", forged);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Null(response.Headers.TryGetValues("Set-Cookie", out var cookies) ? cookies.FirstOrDefault(c => c.StartsWith("herald-admin=", StringComparison.Ordinal)) : null);
    }

    /// <summary>A week of earlier sends, so the dashboard has days to show: a few more each day, some failed, the latest texts still sending.</summary>
    private static async Task<(int Emails, int Texts)> SeedWeekAsync(HeraldApp app, TestService service)
    {
        var today = app.Services.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime.Date;
        var rows = new List<NotificationRecord>();
        for (var day = 0; day < 7; day++)
        {
            var at = today.AddDays(day - 6).AddHours(9);
            for (var i = 0; i < 3 + day; i++)
            {
                rows.Add(Row(service, TemplateType.Email, i == 0 && day % 2 == 0 ? NotificationStatus.PermanentFailure : NotificationStatus.Delivered, at.AddMinutes(i)));
            }

            for (var i = 0; i < 2 + (day % 3); i++)
            {
                rows.Add(Row(service, TemplateType.Sms, day == 6 && i == 0 ? NotificationStatus.Sending : NotificationStatus.Delivered, at.AddMinutes(i)));
            }
        }

        await using var context = app.Services.GetRequiredService<HeraldDatabase>().CreateContext();
        context.Notifications.AddRange(rows);
        await context.SaveChangesAsync();
        return (rows.Count(r => r.Type == TemplateType.Email), rows.Count(r => r.Type == TemplateType.Sms));
    }

    private static NotificationRecord Row(TestService service, TemplateType type, string status, DateTime createdAt) => new()
    {
        Id = Guid.NewGuid(), ServiceId = service.Id, TemplateId = type == TemplateType.Email ? service.EmailTemplateId : service.SmsTemplateId, TemplateVersion = 1,
        KeyType = KeyType.Normal, Type = type, To = "someone", NormalisedTo = "someone", Status = status, Body = "b", CreatedAt = createdAt,
    };
}
