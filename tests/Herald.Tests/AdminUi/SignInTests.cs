using System.Net;
using Herald.Admin.Users;
using Herald.Storage;
using Herald.Tests.Fixtures;
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
        await AdminUsers.CreateAsync(app, AdminRole.Owner);
        await using var tab = await AdminPage.OpenAsync(browser, app);

        await tab.Page.GotoAsync("/admin");
        Assert.Contains("/admin/sign-in", tab.Page.Url, StringComparison.Ordinal);
        await tab.AssertAccessibleAsync();
        await tab.ScreenshotAsync("sign-in");

        await tab.SignInAsync(AdminUsers.OwnerEmail, AdminUsers.Password);
        await Assertions.Expect(tab.Page.GetByRole(AriaRole.Heading, new() { Name = "Dashboard" })).ToBeVisibleAsync();
        await Assertions.Expect(tab.Page.GetByRole(AriaRole.Heading, new() { Name = service.Name })).ToBeVisibleAsync();
        await Assertions.Expect(tab.Page.GetByText("Emails: 1")).ToBeVisibleAsync();
        await tab.AssertAccessibleAsync();
        await tab.ScreenshotAsync("dashboard");

        await tab.Page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();
        await tab.Page.WaitForURLAsync(url => url.Contains("/admin/sign-in", StringComparison.Ordinal));
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
}
