using System.Globalization;
using System.Net;
using Herald.Pushers.Email;
using Herald.Storage;
using Herald.Tests.Fixtures;
using Herald.Settings;

namespace Herald.Tests.Pushers.Email;

/// <summary>Digests as a recipient gets them: through the pool's timer, over SMTP with unsubscribe headers, from the operator's templates; and the unsubscribe link.</summary>
public sealed class EmailDigestDeliveryTests : IDisposable
{
    private const string Alice = "@alice:example";
    private const string Address = "alice@example.com";

    private readonly string _templates = Path.Combine(Path.GetTempPath(), "herald-tests", Guid.NewGuid().ToString("N"));

    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task The_pool_arms_a_timer_and_sends_the_digest_when_the_delay_has_passed(DatabaseProvider provider)
    {
        // A delay no other timer in Herald has, so the test can tell when the pusher's is armed; a
        // lease (PostgreSQL) renewed less often than that, so the loop's wait is one timer for it.
        var delay = new TimeSpan(0, 7, 13);
        await using var s = await EmailDigestScenario.StartAsync(provider, HeraldRole.All, new Dictionary<string, string?>
        {
            ["Push:Email:Delay"] = delay.ToString(),
            ["Pushers:LeaseDuration"] = "01:00:00",
        });
        await s.RegisterEmailPusherAsync(Alice, Address);
        await s.PostMessageAsync("p1", "Project X", "Bob", "ping", [Alice], highlight: true);

        // The pusher's loop wakes for the event, finds nothing due and arms its timer for the delay.
        await Eventually.TrueAsync(() => Task.FromResult(s.Time.HasTimerDueIn(delay)), "the pusher waits for the delay");
        Assert.Empty(await s.InboxAsync(Address));
        s.Advance(delay);

        await Eventually.TrueAsync(async () => (await s.InboxAsync(Address)).Count == 1, "the digest reaches the dev inbox");
        Assert.Equal("[Chat] Bob mentioned you in Project X", (await s.InboxAsync(Address))[0].Subject);
    }

    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task Over_smtp_the_digest_carries_one_click_unsubscribe_headers_that_remove_the_pusher(DatabaseProvider provider)
    {
        await using var smtp = await SmtpServer.StartAsync();
        await using var s = await EmailDigestScenario.StartAsync(provider, settings: new Dictionary<string, string?>
        {
            ["Delivery:EmailProvider"] = "smtp",
            ["Providers:Smtp:Host"] = "127.0.0.1",
            ["Providers:Smtp:Port"] = smtp.Port.ToString(CultureInfo.InvariantCulture),
            ["Providers:Smtp:Security"] = "None",
            ["Providers:Smtp:Timeout"] = "00:00:05",
        });
        var pusher = await s.RegisterEmailPusherAsync(Alice, Address);
        await s.PostMessageAsync("p1", "Project X", "Bob", "hello over smtp", [Alice]);
        s.Advance(TimeSpan.FromMinutes(10));

        Assert.Equal(EmailPass.Sent, await s.ProcessAsync(pusher));

        var message = Assert.Single(smtp.Messages());
        Assert.Equal("[Chat] You have a message from Bob in Project X", message.Subject);
        Assert.Equal("List-Unsubscribe=One-Click", message.Headers["List-Unsubscribe-Post"]);
        var header = message.Headers["List-Unsubscribe"] ?? "";
        Assert.StartsWith("<https://herald.example/push/email/unsubscribe?token=", header, StringComparison.Ordinal);
        Assert.Contains("hello over smtp", message.TextBody);

        // A mail client's RFC 8058 one-click request to the header's URL.
        var url = new Uri(header.Trim('<', '>'));
        var response = await s.App.Http.PostAsync(url.PathAndQuery, new StringContent("List-Unsubscribe=One-Click", System.Text.Encoding.ASCII, "application/x-www-form-urlencoded"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Null(await s.PusherAsync(pusher));
        Assert.Empty(await s.ThrottlesAsync(pusher));
    }

    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task The_unsubscribe_link_confirms_then_removes_the_pusher_and_a_tampered_link_is_refused(DatabaseProvider provider)
    {
        await using var s = await EmailDigestScenario.StartAsync(provider);
        var pusher = await s.RegisterEmailPusherAsync(Alice, Address);
        await s.PostMessageAsync("p1", "Project X", "Bob", "hello", [Alice]);
        s.Advance(TimeSpan.FromMinutes(10));
        Assert.Equal(EmailPass.Sent, await s.ProcessAsync(pusher));
        var path = EmailDigestScenario.UnsubscribePath(Assert.Single(await s.InboxAsync(Address)));
        var tampered = path[..^3] + (path[^3] == 'A' ? "B" : "A") + path[^2..];

        var refused = await s.App.Http.PostAsync(tampered, null);
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await s.App.Http.GetAsync(tampered)).StatusCode);
        Assert.Equal(1, (await s.ListPushersAsync(Alice)).GetArrayLength());

        // Following the link (as a mail scanner would) only asks.
        var page = await s.App.Http.GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("<form method=\"post\"", await page.Content.ReadAsStringAsync());
        Assert.Equal(1, (await s.ListPushersAsync(Alice)).GetArrayLength());

        var done = await s.App.Http.PostAsync(path, null);
        Assert.Equal(HttpStatusCode.OK, done.StatusCode);
        Assert.Equal(0, (await s.ListPushersAsync(Alice)).GetArrayLength());
        Assert.Equal(EmailPass.Gone, await s.ProcessAsync(pusher));
    }

    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task An_operators_template_directory_replaces_the_text_template_and_keeps_the_built_in_html(DatabaseProvider provider)
    {
        Directory.CreateDirectory(_templates);
        await File.WriteAllTextAsync(Path.Combine(_templates, DigestTemplates.TextName),
            "Hi from {{ app_name }}.{% for room in rooms %} [{{ room.name }}]{% for m in room.messages %} {{ m.sender_name }}: {{ m.body }}{% endfor %}{% endfor %}\nStop: {{ unsubscribe_url }}\n");
        await using var s = await EmailDigestScenario.StartAsync(provider, settings: new Dictionary<string, string?> { ["Push:Email:TemplateDirectory"] = _templates });
        var pusher = await s.RegisterEmailPusherAsync(Alice, Address);
        await s.PostMessageAsync("p1", "Project X", "Bob", "<b>bold?</b>", [Alice]);
        s.Advance(TimeSpan.FromMinutes(10));

        Assert.Equal(EmailPass.Sent, await s.ProcessAsync(pusher));

        var email = Assert.Single(await s.InboxAsync(Address));
        Assert.StartsWith("Hi from Chat. [Project X] Bob: <b>bold?</b>\nStop: https://herald.example/push/email/unsubscribe?token=", email.Body, StringComparison.Ordinal);
        Assert.Contains("&lt;b&gt;bold?&lt;/b&gt;", email.Html);
        Assert.Contains("<!DOCTYPE html>", email.Html);
    }

    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task A_template_directory_that_does_not_exist_leaves_the_built_in_templates(DatabaseProvider provider)
    {
        await using var s = await EmailDigestScenario.StartAsync(provider, settings: new Dictionary<string, string?> { ["Push:Email:TemplateDirectory"] = Path.Combine(_templates, "gone") });
        var pusher = await s.RegisterEmailPusherAsync(Alice, Address);
        await s.PostMessageAsync("p1", "Project X", "Bob", "still mailed", [Alice]);
        s.Advance(TimeSpan.FromMinutes(10));

        Assert.Equal(EmailPass.Sent, await s.ProcessAsync(pusher));

        var email = Assert.Single(await s.InboxAsync(Address));
        Assert.Contains("== Project X ==", email.Body);
        Assert.Contains("still mailed", email.Html);
    }

    [Fact]
    public async Task An_operators_template_that_does_not_parse_stops_herald_at_start_up()
    {
        Directory.CreateDirectory(_templates);
        await File.WriteAllTextAsync(Path.Combine(_templates, DigestTemplates.HtmlName), "{% if rooms %}never closed");
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() =>
            HeraldApp.StartAsync(database, role: HeraldRole.Api, settings: new Dictionary<string, string?> { ["Push:Email:TemplateDirectory"] = _templates }));

        Assert.Contains(Path.Combine(_templates, DigestTemplates.HtmlName), error.Message, StringComparison.Ordinal);
    }

    public void Dispose()
    {
        if (Directory.Exists(_templates))
        {
            Directory.Delete(_templates, recursive: true);
        }
    }
}
