using System.Net.Http.Json;
using Herald.Fakes;
using Herald.Storage;
using Herald.Tests.Fixtures;
using Herald.Queue;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Herald.Integrations.Mailgun;
using Herald.Analytics;

namespace Herald.Tests.Providers;

public sealed class MailgunTests
{
    private const string SigningKey = "mailgun-signing-key-for-tests";

    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task An_email_goes_out_through_mailgun_and_signed_events_move_it_forward(DatabaseProvider provider)
    {
        await using var fakes = await ProviderFakes.StartAsync(FakeOptions);
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var herald = await HeraldApp.StartAsync(database, settings: Settings(fakes.BaseUrl));
        var service = await herald.CreateReadyServiceAsync(service: new { name = "Clinic", email_from = "hello@mg.example" });

        var id = (await herald.SendEmailAsync(service, "ada@example.com")).GetProperty("id").GetString()!;

        await herald.WaitForStatusAsync(service.Key, id, "sending");
        var request = Assert.Single(fakes.Mailgun.Requests);
        var form = request.Form;
        Assert.Equal("Basic " + Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes("api:key-123")), request.Authorization);
        Assert.Equal(id, form["v:notification_id"]);
        Assert.Equal($"{id}@mg.example", Assert.Single(fakes.Mailgun.Messages).Id);
        Assert.Equal(("hello@mg.example", "ada@example.com", "Code for Ada", $"<{id}@mg.example>"), (form["from"], form["to"], form["subject"], form["h:Message-Id"]));
        Assert.Contains("Your code is 1234.", form["html"], StringComparison.Ordinal);

        Assert.Equal(403, (int)(await herald.Http.PostAsJsonAsync("/receipts/mailgun", Event(id, "delivered", "wrong-key"))).StatusCode);
        Assert.Equal("sending", (await HeraldApp.ExpectAsync(await herald.GetAsync(service.Key, $"/v2/notifications/{id}"), 200)).GetProperty("status").GetString());

        // A soft bounce is not final: Mailgun retries for eight hours, and its delivered decides.
        Assert.Equal(200, (int)(await herald.Http.PostAsJsonAsync("/receipts/mailgun", Event(id, "failed", SigningKey, "temporary"))).StatusCode);
        await Eventually.TrueAsync(async () => await TwilioTests.QueueCountAsync(herald, "analytics.events") == 0, "the soft bounce processed");
        Assert.Equal("sending", (await HeraldApp.ExpectAsync(await herald.GetAsync(service.Key, $"/v2/notifications/{id}"), 200)).GetProperty("status").GetString());
        Assert.Equal(200, (int)(await herald.Http.PostAsJsonAsync("/receipts/mailgun", Event(id, "delivered", SigningKey))).StatusCode);
        await herald.WaitForStatusAsync(service.Key, id, "delivered");
    }

    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task Opens_and_clicks_on_the_receipts_webhook_change_nothing_and_warn_of_nothing(DatabaseProvider provider)
    {
        await using var fakes = await ProviderFakes.StartAsync(FakeOptions);
        fakes.Mailgun.Behaviour = fakes.Mailgun.Behaviour with { SendReceipts = false };
        await using var database = await TestDatabase.CreateAsync(provider);
        var logs = new CapturedLogs();
        await using var herald = await HeraldApp.StartAsync(database, settings: Settings(fakes.BaseUrl), logs: logs);
        var service = await herald.CreateReadyServiceAsync(service: new { name = "Clinic", email_from = "hello@mg.example" });
        var id = (await herald.SendEmailAsync(service, "ada@example.com")).GetProperty("id").GetString()!;
        await herald.WaitForStatusAsync(service.Key, id, "sending");

        string[] engagements = ["opened", "clicked", "unsubscribed"];
        foreach (var engagement in engagements)
        {
            Assert.Equal(200, (int)(await herald.Http.PostAsJsonAsync("/receipts/mailgun", Event(id, engagement, SigningKey))).StatusCode);
        }

        // Processed and gone, without a warning for each (an account may send every open here).
        await Eventually.TrueAsync(async () => await TwilioTests.QueueCountAsync(herald, "analytics.events") == 0, "engagement events processed");
        Assert.Equal("sending", (await HeraldApp.ExpectAsync(await herald.GetAsync(service.Key, $"/v2/notifications/{id}"), 200)).GetProperty("status").GetString());
        Assert.Empty(logs.Entries.Where(e => e.Level >= LogLevel.Warning && engagements.Any(w => e.Line.Contains(w, StringComparison.Ordinal))).Select(e => e.Line));
    }

    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task Mailgun_refusals_are_classified(DatabaseProvider provider)
    {
        await using var fakes = await ProviderFakes.StartAsync(FakeOptions);
        fakes.Mailgun.Behaviour = fakes.Mailgun.Behaviour with { RejectedRecipients = ["ada@example.com"] };
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var herald = await HeraldApp.StartAsync(database, settings: Settings(fakes.BaseUrl));
        var service = await herald.CreateReadyServiceAsync();

        var refused = (await herald.SendEmailAsync(service, "ada@example.com")).GetProperty("id").GetString()!;
        await herald.WaitForStatusAsync(service.Key, refused, "permanent-failure");

        fakes.Mailgun.FailNext(1, 401);
        var unauthorised = (await herald.SendEmailAsync(service, "bo@example.com")).GetProperty("id").GetString()!;
        await herald.WaitForStatusAsync(service.Key, unauthorised, "technical-failure");
        Assert.Equal([400, 401], fakes.Mailgun.Requests.Select(r => r.StatusCode));
    }

    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task Signed_webhooks_from_mailgun_end_delivered_or_temporary_failure(DatabaseProvider provider)
    {
        await using var fakes = await ProviderFakes.StartAsync(FakeOptions);
        await using var database = await TestDatabase.CreateAsync(provider);
        var settings = Settings(fakes.BaseUrl);

        // A webhook that beats Herald's own commit of the provider reference is retried soon.
        settings["Queue:Backoff:receipts.process"] = "1s,5*5m";
        await using var herald = await HeraldApp.StartAsync(database, settings: settings);
        fakes.Mailgun.Behaviour = fakes.Mailgun.Behaviour with
        {
            ReceiptUrl = $"{herald.BaseUrl}/receipts/mailgun",
            FinalStatuses = new Dictionary<string, string> { ["bo@example.com"] = "failed:temporary" },
        };
        var service = await herald.CreateReadyServiceAsync();

        var delivered = (await herald.SendEmailAsync(service, "ada@example.com")).GetProperty("id").GetString()!;
        var bounced = (await herald.SendEmailAsync(service, "bo@example.com")).GetProperty("id").GetString()!;

        await herald.WaitForStatusAsync(service.Key, delivered, "delivered");
        await Eventually.TrueAsync(() => Task.FromResult(fakes.Mailgun.PendingReceipts == 0), "webhooks sent");
        await Eventually.TrueAsync(async () => await TwilioTests.QueueCountAsync(herald, "analytics.events") == 0, "webhooks processed");
        Assert.Equal([200, 200], fakes.Mailgun.Receipts.Select(r => r.StatusCode));

        // The soft bounce is kept, and the notification waits for Mailgun's retries to decide.
        Assert.Equal("sending", (await HeraldApp.ExpectAsync(await herald.GetAsync(service.Key, $"/v2/notifications/{bounced}"), 200)).GetProperty("status").GetString());
        await using var context = herald.Services.GetRequiredService<HeraldDatabase>().CreateContext();
        var failure = await context.NotificationAnalytics.SingleAsync(a => a.NotificationId == Guid.Parse(bounced));
        Assert.Equal(("temporary", "452"), (failure.FailureSeverity, failure.FailureCode));
    }

    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task Webhooks_of_the_wrong_shape_or_with_text_that_cannot_be_stored_are_refused(DatabaseProvider provider)
    {
        await using var fakes = await ProviderFakes.StartAsync(FakeOptions);
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var herald = await HeraldApp.StartAsync(database, settings: Settings(fakes.BaseUrl));
        var receipts = new Uri("/receipts/mailgun", UriKind.Relative);
        var token = Guid.NewGuid().ToString("N");
        var now = Now();
        var signature = new { timestamp = now, token, signature = MailgunSignature.Compute(SigningKey, now, token) };

        // Signed, but event-data.message is a string; and a message id no notification can have.
        var messageAsText = new Dictionary<string, object> { ["signature"] = signature, ["event-data"] = new { @event = "delivered", message = "text" } };
        Assert.Equal(400, (int)(await herald.Http.PostAsJsonAsync(receipts, messageAsText)).StatusCode);
        var longId = new Dictionary<string, object>
        {
            ["signature"] = signature,
            ["event-data"] = new { @event = "delivered", message = new { headers = new Dictionary<string, string> { ["message-id"] = new string('m', 100_000) } } },
        };
        Assert.Equal(400, (int)(await herald.Http.PostAsJsonAsync(receipts, longId)).StatusCode);

        // A failure whose severity is not readable text: a number, a lone surrogate.
        foreach (var severity in new[] { "1", "\"\\ud800\"" })
        {
            var failed = $"{{\"signature\":{{\"timestamp\":\"{now}\",\"token\":\"{token}\",\"signature\":\"{signature.signature}\"}},"
                + $"\"event-data\":{{\"event\":\"failed\",\"severity\":{severity},\"message\":{{\"headers\":{{\"message-id\":\"<m@mg.example>\"}}}}}}}}";
            Assert.Equal(400, (int)(await herald.Http.PostAsync(receipts, new StringContent(failed, System.Text.Encoding.UTF8, "application/json"))).StatusCode);
        }

        // An object whose property is named by a lone surrogate, as event-data of a signed body and as the signature block.
        var surrogateKey = $"{{\"signature\":{{\"timestamp\":\"{now}\",\"token\":\"{token}\",\"signature\":\"{signature.signature}\"}},\"event-data\":{{\"\\ud800\":1}}}}";
        Assert.Equal(400, (int)(await herald.Http.PostAsync(receipts, new StringContent(surrogateKey, System.Text.Encoding.UTF8, "application/json"))).StatusCode);
        Assert.Equal(403, (int)(await herald.Http.PostAsync(receipts, new StringContent("{\"signature\":{\"\\ud800\":1}}", System.Text.Encoding.UTF8, "application/json"))).StatusCode);

        // Invalid UTF-8 in the signature cannot verify.
        using var invalid = new ByteArrayContent([.. "{\"signature\":{\"timestamp\":\"1\",\"token\":\"t\",\"signature\":\""u8.ToArray(), 0xC3, 0x28, .. "\"}}"u8.ToArray()]);
        invalid.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
        Assert.Equal(403, (int)(await herald.Http.PostAsync(receipts, invalid)).StatusCode);

        await using var context = herald.Services.GetRequiredService<Herald.Storage.HeraldDatabase>().CreateContext();
        Assert.Equal(0, await context.QueueItems.CountAsync(i => i.Kind == Herald.Receipts.ReceiptProcessor.KindName));
    }

    [Fact]
    public void The_signature_is_hex_hmac_sha256_of_timestamp_and_token()
    {
        var signature = MailgunSignature.Compute("key", "1529006854", "a8ce0edb2dd8301dee6c2405235584e45aa91d1e9f979f3de0");

        Assert.True(MailgunSignature.IsValid("key", "1529006854", "a8ce0edb2dd8301dee6c2405235584e45aa91d1e9f979f3de0", signature));
        Assert.False(MailgunSignature.IsValid("other", "1529006854", "a8ce0edb2dd8301dee6c2405235584e45aa91d1e9f979f3de0", signature));
        Assert.Equal(64, signature.Length);
    }

    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task A_stale_or_replayed_webhook_is_refused_and_changes_nothing(DatabaseProvider provider)
    {
        await using var fakes = await ProviderFakes.StartAsync(FakeOptions);
        fakes.Mailgun.Behaviour = fakes.Mailgun.Behaviour with { SendReceipts = false };
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var herald = await HeraldApp.StartAsync(database, settings: Settings(fakes.BaseUrl));
        var service = await herald.CreateReadyServiceAsync(service: new { name = "Clinic", email_from = "hello@mg.example" });
        var id = (await herald.SendEmailAsync(service, "ada@example.com")).GetProperty("id").GetString()!;
        await herald.WaitForStatusAsync(service.Key, id, "sending");
        var receipts = new Uri("/receipts/mailgun", UriKind.Relative);
        var minutes = (int m) => TimeProvider.System.GetUtcNow().AddMinutes(m).ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture);

        foreach (var timestamp in new[] { minutes(-16), minutes(16), "1", "-5", "1e3", "99999999999999999999" })
        {
            var stale = await herald.Http.PostAsJsonAsync(receipts, Event(id, "failed", SigningKey, "permanent", timestamp));
            Assert.True(stale.StatusCode == System.Net.HttpStatusCode.Forbidden, $"timestamp {timestamp}: {stale.StatusCode}");
        }

        var fresh = Event(id, "delivered", SigningKey, timestamp: minutes(-14));
        Assert.Equal(200, (int)(await herald.Http.PostAsJsonAsync(receipts, fresh)).StatusCode);
        Assert.Equal(403, (int)(await herald.Http.PostAsJsonAsync(receipts, fresh)).StatusCode);

        await herald.WaitForStatusAsync(service.Key, id, "delivered");
        // Had a refused "failed" event been processed, the notification would have ended in permanent-failure.
        var notification = await HeraldApp.ExpectAsync(await herald.GetAsync(service.Key, $"/v2/notifications/{id}"), 200);
        Assert.Equal("delivered", notification.GetProperty("status").GetString());
    }

    private static string Now() => TimeProvider.System.GetUtcNow().ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture);

    private static object Event(string notificationId, string eventName, string key, string? severity = null, string? timestamp = null)
    {
        timestamp ??= Now();
        var token = Guid.NewGuid().ToString("N");
        return new Dictionary<string, object>
        {
            ["signature"] = new { timestamp, token, signature = MailgunSignature.Compute(key, timestamp, token) },
            ["event-data"] = new Dictionary<string, object?>
            {
                ["event"] = eventName,
                ["severity"] = severity,
                ["message"] = new { headers = new Dictionary<string, string> { ["message-id"] = $"{notificationId}@mg.example" } },
            },
        };
    }

    private static FakeOptions FakeOptions => new() { MailgunApiKey = "key-123", MailgunSigningKey = SigningKey };

    private static Dictionary<string, string?> Settings(string url) => new()
    {
        ["Delivery:EmailProvider"] = "mailgun",
        ["Providers:Mailgun:ApiKey"] = "key-123",
        ["Providers:Mailgun:Domain"] = "mg.example",
        ["Providers:Mailgun:BaseUrl"] = url,
        ["Providers:Mailgun:WebhookSigningKey"] = SigningKey,
    };
}
