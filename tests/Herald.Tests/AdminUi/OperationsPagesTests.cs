using System.Net.Http.Headers;
using System.Net.Http.Json;
using Herald.Admin.Users;
using Herald.Pushers;
using Herald.Queue;
using Herald.Settings;
using Herald.Storage;
using Herald.Tests.Fixtures;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Herald.Tests.AdminUi;

/// <summary>The operations pages: providers, pushers, dead items, the dev inbox and users.</summary>
[Collection(BrowserCollection.Name)]
public sealed class OperationsPagesTests(BrowserFixture browser)
{
    private static readonly object Relay = new
    {
        channel = "email", type = "smtp", name = "relay", priority = 60, active = true,
        settings = new { host = "smtp.invalid", port = 587, security = "starttls", username = "herald", password = "s3cret-passw0rd", from = "noreply@example.org" },
    };

    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task An_editor_changes_a_weight_with_a_reason_and_sees_it_in_the_history(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var app = await HeraldApp.StartAsync(database, role: HeraldRole.Api);
        await HeraldApp.ExpectAsync(await app.Admin.PostAsJsonAsync("/admin/api/providers", Relay), 201);
        await using var tab = await AdminUsers.SignedInAsync(browser, app, AdminRole.Editor);

        await tab.GoAsync("/admin/providers");
        var instances = tab.Page.GetByRole(AriaRole.Table, new() { Name = "Email instances" });
        await Assertions.Expect(instances.GetByRole(AriaRole.Row, new() { Name = "relay" })).ToContainTextAsync("smtp");
        await Assertions.Expect(instances.GetByRole(AriaRole.Row, new() { Name = "relay" })).ToContainTextAsync("Active");
        await tab.AssertAccessibleAsync();

        await tab.Page.GetByLabel("Provider").SelectOptionAsync(new SelectOptionValue { Label = "relay (email, weight 60)" });
        await tab.Page.GetByLabel("New weight").FillAsync("25");
        await tab.Page.GetByLabel("Reason").FillAsync("Moving traffic off the relay during its maintenance");
        await tab.Page.GetByRole(AriaRole.Button, new() { Name = "Change weight" }).ClickAsync();

        await Assertions.Expect(tab.Page.GetByRole(AriaRole.Status)).ToContainTextAsync("Changed relay");
        var history = tab.Page.GetByRole(AriaRole.Table, new() { Name = "changes of every instance" });
        var change = history.GetByRole(AriaRole.Row).Filter(new() { HasText = "Moving traffic off the relay during its maintenance" });
        await Assertions.Expect(change).ToContainTextAsync("manual");
        await Assertions.Expect(change).ToContainTextAsync(AdminUsers.Email(AdminRole.Editor));
        await Assertions.Expect(change).ToContainTextAsync("25");
        await Assertions.Expect(history.GetByRole(AriaRole.Row).Filter(new() { HasText = "created" })).ToHaveCountAsync(1);
        await Assertions.Expect(instances.GetByRole(AriaRole.Row, new() { Name = "relay" }).GetByRole(AriaRole.Cell).Nth(1)).ToHaveTextAsync("25 (100%)");

        // A reason is required: refused with the administration's message, nothing changed.
        await tab.Page.GetByLabel("New weight").FillAsync("10");
        await tab.Page.GetByLabel("Reason").EvaluateAsync("e => e.removeAttribute('required')");
        await tab.Page.GetByLabel("Reason").FillAsync(" ");
        await tab.Page.GetByRole(AriaRole.Button, new() { Name = "Change weight" }).ClickAsync();
        await Assertions.Expect(tab.Page.GetByRole(AriaRole.Alert)).ToContainTextAsync("reason is required");
        await Assertions.Expect(instances.GetByRole(AriaRole.Row, new() { Name = "relay" }).GetByRole(AriaRole.Cell).Nth(1)).ToHaveTextAsync("25 (100%)");
        await tab.AssertAccessibleAsync();
        await tab.ScreenshotAsync("providers");
    }

    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task An_editor_replays_a_dead_item_and_it_leaves_the_dead_list(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);

        // An API process runs no handlers: a replayed item stays pending rather than dying again.
        await using var app = await HeraldApp.StartAsync(database, role: HeraldRole.Api);
        var first = await AddDeadAsync(app, "callbacks.deliver", "n-1", "HTTP 500 from the callback URL");
        var second = await AddDeadAsync(app, "receipts.process", "SM123", "no notification has twilio reference SM123");
        await using var tab = await AdminUsers.SignedInAsync(browser, app, AdminRole.Editor);

        await tab.GoAsync("/admin/queue");
        var dead = tab.Page.GetByRole(AriaRole.Table, new() { Name = "dead items" });
        var byKind = tab.Page.GetByRole(AriaRole.Table, new() { Name = "per kind" });
        await Assertions.Expect(dead.Locator($"#dead-{first}")).ToContainTextAsync("HTTP 500 from the callback URL");
        await Assertions.Expect(dead.Locator($"#dead-{first}")).ToContainTextAsync("n-1");
        await Assertions.Expect(dead.Locator($"#dead-{first}")).ToContainTextAsync("49");
        await Assertions.Expect(byKind.GetByRole(AriaRole.Row, new() { Name = "callbacks.deliver" })).ToHaveAccessibleNameAsync("callbacks.deliver 0 1");
        await tab.AssertAccessibleAsync();
        await tab.ScreenshotAsync("queue");

        await tab.Page.GetByRole(AriaRole.Button, new() { Name = $"Replay item {first}" }).ClickAsync();

        await Assertions.Expect(tab.Page.GetByRole(AriaRole.Status)).ToHaveTextAsync("1 item replayed.");
        await Assertions.Expect(tab.Page.Locator($"#dead-{first}")).ToHaveCountAsync(0);
        await Assertions.Expect(tab.Page.Locator($"#dead-{second}")).ToHaveCountAsync(1);
        await Assertions.Expect(byKind.GetByRole(AriaRole.Row, new() { Name = "callbacks.deliver" })).ToHaveAccessibleNameAsync("callbacks.deliver 1 0");

        await tab.Page.GetByRole(AriaRole.Button, new() { Name = "Replay all dead items" }).ClickAsync();
        await Assertions.Expect(tab.Page.GetByText("No dead items.")).ToBeVisibleAsync();
        await tab.AssertAccessibleAsync();
    }

    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task The_dev_inbox_shows_a_captured_email_in_a_sandboxed_frame_at_phone_width(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var app = await HeraldApp.StartAsync(database);
        var service = await app.CreateReadyServiceAsync();
        // One after the other: sent together, either may be captured first.
        var email = await app.SendEmailAsync(service, "ada@example.com");
        await app.WaitForStatusAsync(service.Key, email.GetProperty("id").GetString()!, "delivered");
        var sms = await app.SendSmsAsync(service, "07700900123");
        await app.WaitForStatusAsync(service.Key, sms.GetProperty("id").GetString()!, "delivered");
        await using var tab = await AdminUsers.SignedInAsync(browser, app, AdminRole.Viewer, width: 375);

        await tab.GoAsync("/admin/inbox");
        var message = tab.Page.GetByRole(AriaRole.Article, new() { Name = "Code for Ada" });
        await Assertions.Expect(message).ToContainTextAsync("ada@example.com");
        var frame = message.Locator("iframe.preview");
        Assert.Equal("", await frame.GetAttributeAsync("sandbox"));
        Assert.Contains("Your code is 1234", await frame.GetAttributeAsync("srcdoc"), StringComparison.Ordinal);
        await Assertions.Expect(message.FrameLocator("iframe.preview").GetByText("Your code is 1234")).ToBeVisibleAsync();
        var text = tab.Page.GetByRole(AriaRole.Article, new() { Name = "Text message" });
        await Assertions.Expect(text).ToContainTextAsync("Your code is 1234");
        Assert.Equal(0, await text.Locator("iframe").CountAsync());
        var texts = await tab.Page.GetByRole(AriaRole.Heading, new() { Level = 2 }).AllTextContentsAsync();
        Assert.StartsWith("Text message", texts[0], StringComparison.Ordinal); // newest first
        Assert.True(await tab.Page.EvaluateAsync<bool>("document.documentElement.scrollWidth <= 375"), "the page scrolls sideways at 375 px");
        await tab.AssertAccessibleAsync();
        await tab.ScreenshotAsync("inbox-phone");

        await tab.Page.GetByLabel("Recipient").FillAsync("ada@example.com");
        await tab.Page.GetByRole(AriaRole.Button, new() { Name = "Filter" }).ClickAsync();
        await Assertions.Expect(tab.Page.GetByRole(AriaRole.Article)).ToHaveCountAsync(1);
        await Assertions.Expect(tab.Page.GetByRole(AriaRole.Article)).ToContainTextAsync("Code for Ada");
    }

    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task A_viewer_sees_pushers_and_can_change_nothing(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var app = await HeraldApp.StartAsync(database, role: HeraldRole.Api);
        var relay = (await HeraldApp.ExpectAsync(await app.Admin.PostAsJsonAsync("/admin/api/providers", Relay), 201)).GetProperty("id").GetGuid();
        await AddDeadAsync(app, "callbacks.deliver", "n-1", "HTTP 500");
        var service = (await app.CreateServiceAsync()).GetProperty("id").GetGuid();
        await AddPusherAsync(app, service);
        var viewer = await AdminUsers.CreateAsync(app, AdminRole.Viewer);
        await using var tab = await AdminPage.OpenAsync(browser, app);
        await tab.SignInAsync(viewer.Email, AdminUsers.Password);

        await tab.GoAsync("/admin/pushers");
        await tab.Page.GetByLabel("User id").FillAsync("@alice:example.org");
        await tab.Page.GetByRole(AriaRole.Button, new() { Name = "Find pushers" }).ClickAsync();
        var pusher = tab.Page.GetByRole(AriaRole.Row, new() { Name = "http" });
        await Assertions.Expect(pusher).ToContainTextAsync("com.example.app");
        await Assertions.Expect(pusher).ToContainTextAsync("pushkey-0123…456789abcdef");
        await Assertions.Expect(pusher).ToContainTextAsync("Failing");
        await Assertions.Expect(pusher).ToContainTextAsync("gateway answered 400");
        await Assertions.Expect(pusher.GetByRole(AriaRole.Cell).Nth(6)).ToHaveTextAsync("3");
        await tab.AssertAccessibleAsync();
        await tab.ScreenshotAsync("pushers");

        foreach (var path in new[] { "/admin/providers", "/admin/queue" })
        {
            await tab.GoAsync(path);
            await Assertions.Expect(tab.Page.Locator("main form[method=post]")).ToHaveCountAsync(0);
            await tab.AssertAccessibleAsync();
        }

        // The forms are not shown, and posting them anyway is refused.
        var token = await tab.Page.Locator("input[name=__RequestVerificationToken]").First.InputValueAsync();
        var weight = await tab.Page.APIRequest.PostAsync("/admin/providers?handler=Weight", new()
        {
            Form = Form(tab.Page.APIRequest, ("__RequestVerificationToken", token), ("providerId", relay.ToString()), ("weight", "5"), ("reason", "a viewer tries")),
        });
        Assert.Equal(403, weight.Status);
        var replay = await tab.Page.APIRequest.PostAsync("/admin/queue?handler=ReplayAll", new() { Form = Form(tab.Page.APIRequest, ("__RequestVerificationToken", token)) });
        Assert.Equal(403, replay.Status);
        var create = await tab.Page.APIRequest.PostAsync("/admin/users?handler=Create", new()
        {
            Form = Form(tab.Page.APIRequest, ("__RequestVerificationToken", token), ("email", "mallory@example.com"), ("name", "Mallory"), ("role", "owner"), ("password", AdminUsers.Password)),
        });
        Assert.Equal(403, create.Status);
        var providers = await HeraldApp.ExpectAsync(await app.Admin.GetAsync("/admin/api/providers"), 200);
        Assert.Equal(60, providers.GetProperty("providers")[0].GetProperty("priority").GetInt32());
        Assert.Equal((0, 1), await CountsAsync(app, "callbacks.deliver"));
        Assert.Null((await app.Services.GetRequiredService<UserAdministration>().ListAsync(CancellationToken.None)).FirstOrDefault(u => u.Email == "mallory@example.com"));

        // The users page is the owners' alone.
        var users = await tab.Page.GotoAsync("/admin/users");
        Assert.Equal(403, users!.Status);
        await Assertions.Expect(tab.Page.GetByRole(AriaRole.Alert)).ToContainTextAsync("Your role may not do that");
        await tab.AssertAccessibleAsync();
        await using (var editor = await AdminUsers.SignedInAsync(browser, app, AdminRole.Editor))
        {
            Assert.Equal(403, (await editor.Page.GotoAsync("/admin/users"))!.Status);
            Assert.Equal(403, (await editor.Page.GotoAsync($"/admin/users/{viewer.Id}"))!.Status);
        }

        // The admin API applies the same role to the viewer's own token.
        var secret = (await app.Services.GetRequiredService<UserAdministration>().CreateTokenAsync(viewer.Id, "ci", CancellationToken.None)).Secret;
        using var request = new HttpRequestMessage(HttpMethod.Post, "/admin/api/queue/dead/replay") { Content = JsonContent.Create(new { all = true }) };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", secret);
        Assert.Equal(403, (int)(await app.Http.SendAsync(request)).StatusCode);
        using var read = new HttpRequestMessage(HttpMethod.Get, "/admin/api/queue/dead");
        read.Headers.Authorization = new AuthenticationHeaderValue("Bearer", secret);
        Assert.Equal(200, (int)(await app.Http.SendAsync(read)).StatusCode);
        Assert.Equal((0, 1), await CountsAsync(app, "callbacks.deliver"));
    }

    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task An_owner_manages_users_and_tokens_but_cannot_delete_the_last_owner(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var app = await HeraldApp.StartAsync(database, role: HeraldRole.Api);
        await using var tab = await AdminUsers.SignedInAsync(browser, app, AdminRole.Owner);

        await tab.GoAsync("/admin/users");
        await tab.Page.GetByLabel("Email address").FillAsync("grace@example.com");
        await tab.Page.GetByLabel("Name").FillAsync("Grace Hopper");
        await tab.Page.GetByLabel("Role").SelectOptionAsync("viewer");
        await tab.Page.GetByLabel("Password").FillAsync("short");
        await tab.Page.GetByLabel("Password").EvaluateAsync("e => e.removeAttribute('minlength')");
        await tab.Page.GetByRole(AriaRole.Button, new() { Name = "Create user" }).ClickAsync();
        await Assertions.Expect(tab.Page.GetByRole(AriaRole.Alert)).ToContainTextAsync("password is too short");
        await Assertions.Expect(tab.Page.GetByLabel("Email address")).ToHaveValueAsync("grace@example.com");

        await tab.Page.GetByLabel("Password").FillAsync("a long enough password");
        await tab.Page.GetByRole(AriaRole.Button, new() { Name = "Create user" }).ClickAsync();
        await Assertions.Expect(tab.Page.GetByRole(AriaRole.Status)).ToContainTextAsync("Created the user grace@example.com");
        var row = tab.Page.GetByRole(AriaRole.Row, new() { Name = "grace@example.com" });
        await Assertions.Expect(row).ToContainTextAsync("Grace Hopper");
        await Assertions.Expect(row).ToContainTextAsync("viewer");
        await tab.AssertAccessibleAsync();
        await tab.ScreenshotAsync("users");

        await row.GetByRole(AriaRole.Link).ClickAsync();
        await tab.Page.GetByLabel("Role").SelectOptionAsync("editor");
        await tab.Page.GetByRole(AriaRole.Button, new() { Name = "Change role" }).ClickAsync();
        await Assertions.Expect(tab.Page.GetByRole(AriaRole.Status)).ToHaveTextAsync("Role changed.");
        await Assertions.Expect(tab.Page.Locator("dl.facts")).ToContainTextAsync("editor");

        await tab.Page.GetByLabel("Token name").FillAsync("deploys");
        await tab.Page.GetByRole(AriaRole.Button, new() { Name = "Create token" }).ClickAsync();
        var secret = await tab.Page.Locator("#new-token-secret").TextContentAsync();
        Assert.StartsWith(UserAdministration.TokenPrefix, secret, StringComparison.Ordinal);
        await tab.AssertAccessibleAsync();
        await tab.ScreenshotAsync("user");
        using (var request = new HttpRequestMessage(HttpMethod.Get, "/admin/api/services"))
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", secret);
            Assert.Equal(200, (int)(await app.Http.SendAsync(request)).StatusCode);
        }

        await tab.GoAsync(tab.Page.Url);
        await Assertions.Expect(tab.Page.Locator("#new-token-secret")).ToHaveCountAsync(0);
        await tab.Page.GetByRole(AriaRole.Button, new() { Name = "Revoke the token deploys" }).ClickAsync();
        await Assertions.Expect(tab.Page.GetByRole(AriaRole.Row, new() { Name = "deploys" })).ToContainTextAsync("Revoked");
        using (var request = new HttpRequestMessage(HttpMethod.Get, "/admin/api/services"))
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", secret);
            Assert.Equal(403, (int)(await app.Http.SendAsync(request)).StatusCode);
        }

        // The signed-in owner is the only one: deleting them is refused with UserAdministration's reason.
        await tab.GoAsync("/admin/users");
        await tab.Page.GetByRole(AriaRole.Row, new() { Name = AdminUsers.OwnerEmail }).GetByRole(AriaRole.Link).ClickAsync();
        await tab.Page.GetByRole(AriaRole.Button, new() { Name = $"Delete {AdminUsers.OwnerEmail}" }).ClickAsync();
        await Assertions.Expect(tab.Page.GetByRole(AriaRole.Alert)).ToContainTextAsync("This is the last owner and cannot be deleted");
        await tab.AssertAccessibleAsync();

        await tab.GoAsync("/admin/users");
        await tab.Page.GetByRole(AriaRole.Row, new() { Name = "grace@example.com" }).GetByRole(AriaRole.Link).ClickAsync();
        await tab.Page.GetByRole(AriaRole.Button, new() { Name = "Delete grace@example.com" }).ClickAsync();
        await Assertions.Expect(tab.Page.GetByRole(AriaRole.Status)).ToContainTextAsync("Deleted the user grace@example.com");
        await Assertions.Expect(tab.Page.GetByRole(AriaRole.Row, new() { Name = "grace@example.com" })).ToHaveCountAsync(0);
    }

    private static IFormData Form(IAPIRequestContext request, params (string Name, string Value)[] fields)
    {
        var form = request.CreateFormData();
        foreach (var (name, value) in fields)
        {
            form.Set(name, value);
        }

        return form;
    }

    private static async Task<long> AddDeadAsync(HeraldApp app, string kind, string reference, string error)
    {
        await using var context = app.Services.GetRequiredService<HeraldDatabase>().CreateContext();
        var record = new QueueItemRecord
        {
            Kind = kind, Payload = reference, Reference = reference, State = QueueItemState.Dead, Attempts = 49, LastError = error,
            RunAt = 0, CreatedAt = app.Time.GetUtcNow().ToUnixTimeMilliseconds(),
        };
        context.QueueItems.Add(record);
        await context.SaveChangesAsync();
        return record.Id;
    }

    private static async Task AddPusherAsync(HeraldApp app, Guid serviceId)
    {
        var now = app.Time.GetUtcNow().ToUnixTimeMilliseconds();
        await using var context = app.Services.GetRequiredService<HeraldDatabase>().CreateContext();
        context.Pushers.Add(new PusherRecord
        {
            Id = Guid.NewGuid(), ServiceId = serviceId, UserId = "@alice:example.org", Kind = PusherKinds.Http, AppId = "com.example.app",
            Pushkey = "pushkey-0123456789abcdef0123456789abcdef", Data = """{"url":"https://push.example.org/_matrix/push/v1/notify"}""",
            AppDisplayName = "Example", DeviceDisplayName = "Alice's phone", CreatedTs = now - 3_600_000, PushkeyTs = now - 3_600_000,
            LastSuccess = now - 1_800_000, FailingSince = now - 600_000, ParkedEvents = 3, LastParkedAt = now - 60_000,
            LastParkedEventId = "$event", LastParkedReason = "gateway answered 400: bad pushkey",
        });
        await context.SaveChangesAsync();
    }

    private static async Task<(int Pending, int Dead)> CountsAsync(HeraldApp app, string kind)
    {
        var counts = await app.Services.GetRequiredService<QueueAdministration>().CountAsync(CancellationToken.None);
        return (counts.Where(c => c.Kind == kind && c.State == QueueItemState.Pending).Sum(c => c.Count), counts.Where(c => c.Kind == kind && c.State == QueueItemState.Dead).Sum(c => c.Count));
    }
}
