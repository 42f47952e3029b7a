using System.Net.Http.Headers;
using System.Net.Http.Json;
using Herald.Admin.Users;
using Herald.Storage;
using Herald.Tests.Fixtures;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Herald.Tests.AdminUi;

/// <summary>The services pages: a service's settings, its templates with the live preview, and its API keys; what a viewer may not do.</summary>
[Collection(BrowserCollection.Name)]
public sealed class ServicePagesTests(BrowserFixture browser)
{
    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task An_editor_creates_a_service_and_a_template_and_the_preview_counts_fragments_as_they_type(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var app = await HeraldApp.StartAsync(database);
        await using var tab = await AdminUsers.SignedInAsync(browser, app, AdminRole.Editor);
        var page = tab.Page;

        await tab.GoAsync("/admin/services");
        await page.GetByLabel("Service name").FillAsync("Preview service");
        await page.GetByLabel("Trial mode").UncheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Create service" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Preview service", Level = 1 })).ToBeVisibleAsync();

        // Settings: the prefix off, so the counts below are of the typed text alone.
        await page.GetByLabel("Start text messages with the service name").UncheckAsync();
        await page.GetByLabel("Text messages a day").FillAsync("500");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save settings" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Settings saved");
        await Assertions.Expect(page.GetByLabel("Text messages a day")).ToHaveValueAsync("500");
        await page.GetByLabel("Text messages a day").FillAsync("lots");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save settings" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("sms_daily_limit must be a whole number");

        await page.GetByLabel("URL").First.FillAsync("https://127.0.0.1/callback");
        await page.GetByLabel("Bearer token").First.FillAsync("a-bearer-token-123");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save delivery status callback" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("private or loopback");
        await page.GetByLabel("URL").First.FillAsync("https://93.184.215.14/callback");
        await page.GetByLabel("Bearer token").First.FillAsync("a-bearer-token-123");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save delivery status callback" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Callback saved");
        await page.GetByLabel("Email address or phone number").FillAsync("Ada@Example.org");
        await page.GetByRole(AriaRole.Button, new() { Name = "Add", Exact = true }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Cell, new() { Name = "ada@example.org" })).ToBeVisibleAsync();
        await tab.AssertAccessibleAsync();
        await tab.ScreenshotAsync("service-settings");

        await tab.GoAsync("/admin/services");
        await Assertions.Expect(page.GetByRole(AriaRole.Row, new() { Name = "Preview service" })).ToContainTextAsync("Live");
        await tab.AssertAccessibleAsync();
        await tab.ScreenshotAsync("services");

        await page.GetByRole(AriaRole.Link, new() { Name = "Preview service" }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Templates" }).ClickAsync();
        await page.GetByLabel("Template name").FillAsync("Code");
        await page.GetByLabel("Message").FillAsync("Hello ((name))");
        await page.GetByRole(AriaRole.Button, new() { Name = "Create template" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Code", Level = 1 })).ToBeVisibleAsync();

        var body = page.GetByLabel("Message");
        var fragments = page.Locator(".sms-fragments");
        await body.FillAsync(new string('a', 150));
        await Assertions.Expect(page.Locator(".sms-characters")).ToHaveTextAsync("150");
        await Assertions.Expect(fragments).ToHaveTextAsync("1");
        await Assertions.Expect(page.Locator(".sms-encoding")).ToHaveTextAsync("GSM 7-bit");
        await body.FillAsync(new string('a', 170));
        await Assertions.Expect(page.Locator(".sms-characters")).ToHaveTextAsync("170");
        await Assertions.Expect(fragments).ToHaveTextAsync("2");
        await body.FillAsync(new string('a', 170) + "ł");
        await Assertions.Expect(page.Locator(".sms-encoding")).ToContainTextAsync("Unicode");
        await Assertions.Expect(fragments).ToHaveTextAsync("3");

        // A placeholder gets a sample input; what is typed there shows in the message.
        await body.FillAsync("Hello ((first name)), your code is ((code))");
        await page.GetByLabel("first name").FillAsync("Ada");
        await Assertions.Expect(page.Locator(".sms-preview")).ToHaveTextAsync("Hello Ada, your code is ((code))");
        await Assertions.Expect(page.GetByLabel("first name")).ToBeFocusedAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Save template" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Saved as version 2");
        await page.GetByText("Version 1,").ClickAsync();
        await Assertions.Expect(page.GetByText("Hello ((name))", new() { Exact = true })).ToBeVisibleAsync();
        await tab.AssertAccessibleAsync();
        await tab.ScreenshotAsync("template-sms");

        // The preview answers what it cannot show with a message, never a 500.
        var token = await page.Locator("#template-form input[name=__RequestVerificationToken]").GetAttributeAsync("value");
        foreach (var (text, expected) in new[] { (new string('x', 200_000), "too long to preview"), ("Unmatched ((name and ((( brackets )", "Unmatched") })
        {
            var answer = await page.APIRequest.PostAsync(page.Url.Split('?')[0] + "?handler=Preview", new()
            {
                Form = page.APIRequest.CreateFormData().Set("__RequestVerificationToken", token!).Set("body", text),
            });
            Assert.Equal(200, answer.Status);
            Assert.Contains(expected, await answer.TextAsync(), StringComparison.Ordinal);
        }

        await page.SetViewportSizeAsync(375, 800);
        await tab.AssertAccessibleAsync();
        await tab.ScreenshotAsync("template-sms-phone");

        // An email template: the subject rendered, the HTML in a sandboxed frame.
        await page.SetViewportSizeAsync(1280, 900);
        await page.GetByRole(AriaRole.Link, new() { Name = "Templates of Preview service" }).ClickAsync();
        await page.GetByLabel("Template name").FillAsync("Welcome");
        await page.GetByLabel("Type").SelectOptionAsync("email");
        await page.GetByLabel("Subject").FillAsync("Welcome, ((name))");
        await page.GetByLabel("Message").FillAsync("# Hello\n\nThanks for joining.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Create template" }).ClickAsync();
        await page.GetByLabel("name", new() { Exact = true }).FillAsync("Grace");
        await Assertions.Expect(page.Locator(".email-subject")).ToHaveTextAsync("Welcome, Grace");
        var frame = page.Locator("iframe.preview");
        Assert.Equal("", await frame.GetAttributeAsync("sandbox"));
        await Assertions.Expect(page.FrameLocator("iframe.preview").GetByRole(AriaRole.Heading, new() { Name = "Hello" })).ToBeVisibleAsync();
        await tab.AssertAccessibleAsync();
        await tab.ScreenshotAsync("template-email");
    }

    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task A_key_created_in_the_page_sends_through_the_api_until_it_is_revoked(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var app = await HeraldApp.StartAsync(database);
        var service = await app.CreateReadyServiceAsync();
        await using var tab = await AdminUsers.SignedInAsync(browser, app, AdminRole.Editor);
        var page = tab.Page;

        await tab.GoAsync($"/admin/services/{service.Id}/keys");
        await page.GetByLabel("Key name").FillAsync("From the page");
        await page.GetByLabel("Live").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Create key" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("won't be shown again");
        var key = (await page.Locator(".secret").TextContentAsync())!.Trim();
        Assert.StartsWith("From the page-" + service.Id, key, StringComparison.Ordinal);
        await tab.AssertAccessibleAsync();
        await tab.ScreenshotAsync("keys-created");

        var sms = new { phone_number = "07700900123", template_id = service.SmsTemplateId, personalisation = new { code = "1234" } };
        await HeraldApp.ExpectAsync(await app.PostAsync(key, "/v2/notifications/sms", sms), 201);

        await tab.GoAsync($"/admin/services/{service.Id}/keys");
        Assert.Equal(0, await page.Locator(".secret").CountAsync());
        await Assertions.Expect(page.GetByRole(AriaRole.Row, new() { Name = "From the page" })).ToContainTextAsync("Active");
        await page.GetByRole(AriaRole.Button, new() { Name = "Revoke key “From the page”" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("revoked");
        await Assertions.Expect(page.GetByRole(AriaRole.Row, new() { Name = "From the page" })).ToContainTextAsync("Revoked");
        await HeraldApp.ExpectAsync(await app.PostAsync(key, "/v2/notifications/sms", sms), 403);
        await tab.AssertAccessibleAsync();
        await tab.ScreenshotAsync("keys");
        await page.SetViewportSizeAsync(375, 800);
        await tab.AssertAccessibleAsync();
        await tab.ScreenshotAsync("keys-phone");
    }

    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task A_viewer_reads_the_pages_without_forms_and_is_refused_a_change(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var app = await HeraldApp.StartAsync(database);
        var service = await app.CreateReadyServiceAsync();
        var viewer = await AdminUsers.CreateAsync(app, AdminRole.Viewer);
        await using var tab = await AdminPage.OpenAsync(browser, app, width: 375);
        await tab.SignInAsync(viewer.Email, AdminUsers.Password);
        var page = tab.Page;

        var pages = new[]
        {
            ("/admin/services", "viewer-services"), ($"/admin/services/{service.Id}", "viewer-service"), ($"/admin/services/{service.Id}/templates", "viewer-templates"),
            ($"/admin/services/{service.Id}/templates/{service.SmsTemplateId}", "viewer-template"), ($"/admin/services/{service.Id}/keys", "viewer-keys"),
        };
        foreach (var (path, name) in pages)
        {
            await tab.GoAsync(path);
            Assert.Equal(0, await page.Locator("main form, main input, main textarea, main select").CountAsync());
            await tab.AssertAccessibleAsync();
            await tab.ScreenshotAsync(name);
        }

        await tab.GoAsync($"/admin/services/{service.Id}/templates/{service.SmsTemplateId}");
        await Assertions.Expect(page.Locator("#content-heading + pre")).ToHaveTextAsync("Your code is ((code))");

        // The page's only form is signing out; its antiforgery token makes these posts reach the pages' own check.
        var token = (await page.Locator("header form input[name=__RequestVerificationToken]").GetAttributeAsync("value"))!;
        var posts = new (string Path, Dictionary<string, string> Form)[]
        {
            ("/admin/services", new() { ["name"] = "By a viewer" }),
            ($"/admin/services/{service.Id}?handler=Settings", new() { ["name"] = "Renamed", ["rate_limit"] = "1", ["email_daily_limit"] = "1", ["sms_daily_limit"] = "1", ["international_sms_daily_limit"] = "1" }),
            ($"/admin/services/{service.Id}/templates", new() { ["name"] = "t", ["type"] = "sms", ["body"] = "b" }),
            ($"/admin/services/{service.Id}/templates/{service.SmsTemplateId}", new() { ["name"] = "t", ["body"] = "changed" }),
            ($"/admin/services/{service.Id}/templates/{service.SmsTemplateId}?handler=Preview", new() { ["body"] = "b" }),
            ($"/admin/services/{service.Id}/keys", new() { ["name"] = "k", ["key_type"] = "normal" }),
        };
        foreach (var (path, fields) in posts)
        {
            var form = page.APIRequest.CreateFormData().Set("__RequestVerificationToken", token);
            foreach (var (field, value) in fields)
            {
                form.Set(field, value);
            }

            var answer = await page.APIRequest.PostAsync(path, new() { Form = form });
            Assert.True(answer.Status == 403, $"{path} answered {answer.Status}");
        }

        var templates = await HeraldApp.ExpectAsync(await app.Admin.GetAsync(new Uri($"/admin/api/services/{service.Id}/templates", UriKind.Relative)), 200);
        Assert.Equal(2, templates.GetProperty("templates").GetArrayLength());
        Assert.All(templates.GetProperty("templates").EnumerateArray(), t => Assert.Equal(1, t.GetProperty("version").GetInt32()));
        var read = await HeraldApp.ExpectAsync(await app.Admin.GetAsync(new Uri($"/admin/api/services/{service.Id}", UriKind.Relative)), 200);
        Assert.Equal(service.Name, read.GetProperty("name").GetString());

        // The admin API refuses the viewer's own token the same changes.
        var userToken = await app.Services.GetRequiredService<UserAdministration>().CreateTokenAsync(viewer.Id, "script", CancellationToken.None);
        var changes = new (HttpMethod Method, string Path, object Body)[]
        {
            (HttpMethod.Patch, $"/admin/api/services/{service.Id}", new { name = "Renamed" }),
            (HttpMethod.Post, $"/admin/api/services/{service.Id}/api-keys", new { name = "k", key_type = "normal" }),
            (HttpMethod.Post, $"/admin/api/services/{service.Id}/templates", new { name = "t", type = "sms", body = "b" }),
            (HttpMethod.Put, $"/admin/api/services/{service.Id}/templates/{service.SmsTemplateId}", new { body = "changed" }),
        };
        foreach (var (method, path, body) in changes)
        {
            using var request = new HttpRequestMessage(method, path) { Content = JsonContent.Create(body) };
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", userToken.Secret);
            await HeraldApp.ExpectErrorAsync(await app.Http.SendAsync(request), 403, "AuthError", "Forbidden: this needs the editor role; the token's user is viewer");
        }
    }
}
