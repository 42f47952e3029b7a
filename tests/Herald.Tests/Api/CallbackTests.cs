using System.Collections.Concurrent;
using System.Net.Http.Json;
using System.Text.Json;
using Herald.Storage;
using Herald.Tests.Fixtures;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Herald.Settings;
using Herald.Notifications;
using Herald.Queue;
using Herald.Callbacks;
using Herald.Integrations.Mailgun;

namespace Herald.Tests.Api;

public sealed class CallbackTests
{
    private static readonly Dictionary<string, string?> LocalTargets = new()
    {
        ["AllowPrivateTargets"] = "true",
        ["AllowHttpCallbacks"] = "true",
    };

    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task A_final_status_is_posted_to_the_services_callback_with_its_bearer_token(DatabaseProvider provider)
    {
        await using var receiver = await CallbackReceiver.StartAsync(200);
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var herald = await HeraldApp.StartAsync(database, settings: LocalTargets);
        var service = await herald.CreateReadyServiceAsync("test");
        await herald.SetCallbackAsync(service.Id, "delivery_status", receiver.Url);

        var id = (await herald.SendSmsAsync(service, "07700900003", reference: "ref-9")).GetProperty("id").GetString()!;

        await Eventually.TrueAsync(() => Task.FromResult(!receiver.Received.IsEmpty), "the callback arrives");
        var (authorization, body) = Assert.Single(receiver.Received);
        Assert.Equal("Bearer secret-token-123", authorization);
        Assert.Equal(id, body.GetProperty("id").GetString());
        Assert.Equal("ref-9", body.GetProperty("reference").GetString());
        Assert.Equal("temporary-failure", body.GetProperty("status").GetString());
        Assert.Equal("sms", body.GetProperty("notification_type").GetString());
        Assert.Equal(service.SmsTemplateId, body.GetProperty("template_id").GetGuid());
        Assert.Equal(1, body.GetProperty("template_version").GetInt32());
        Assert.NotEqual(JsonValueKind.Null, body.GetProperty("completed_at").ValueKind);
        Assert.Equal("07700900003", body.GetProperty("to").GetString());
        var notification = await HeraldApp.ExpectAsync(await herald.GetAsync(service.Key, $"/v2/notifications/{id}"), 200);
        Assert.Equal(notification.GetProperty("created_at").GetString(), body.GetProperty("created_at").GetString());
        Assert.Equal(notification.GetProperty("sent_at").GetString(), body.GetProperty("sent_at").GetString());
        Assert.NotNull(body.GetProperty("sent_at").GetString());
    }

    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task Emails_delivered_together_each_post_their_delivered_callback_once(DatabaseProvider provider)
    {
        await using var receiver = await CallbackReceiver.StartAsync(200);
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var herald = await HeraldApp.StartAsync(database, settings: LocalTargets);
        var service = await herald.CreateReadyServiceAsync();
        await herald.SetCallbackAsync(service.Id, "delivery_status", receiver.Url);

        // Sent at once, their deliveries are recorded in shared commits, each queueing its own callback.
        var ids = await Task.WhenAll(Enumerable.Range(0, 40).Select(async i =>
            (await herald.SendEmailAsync(service, $"reader{i}@example.com")).GetProperty("id").GetString()!));

        await Eventually.TrueAsync(() => Task.FromResult(receiver.Received.Count >= ids.Length), "every callback arrives");
        Assert.Equal(ids.Order(), receiver.Received.Select(r => r.Body.GetProperty("id").GetString()!).Order());
        Assert.All(receiver.Received, r => Assert.Equal("delivered", r.Body.GetProperty("status").GetString()));
    }

    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task A_callback_registered_after_the_service_has_sent_applies_to_its_next_email_at_once(DatabaseProvider provider)
    {
        await using var receiver = await CallbackReceiver.StartAsync(200);
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var herald = await HeraldApp.StartAsync(database, settings: LocalTargets);
        var service = await herald.CreateReadyServiceAsync();
        var before = (await herald.SendEmailAsync(service, "first@example.com")).GetProperty("id").GetString()!;
        await herald.WaitForStatusAsync(service.Key, before, "delivered");

        // The service is cached by now; registering a callback on this node must not wait for the cache to expire.
        await herald.SetCallbackAsync(service.Id, "delivery_status", receiver.Url);
        var after = (await herald.SendEmailAsync(service, "second@example.com")).GetProperty("id").GetString()!;

        await Eventually.TrueAsync(() => Task.FromResult(!receiver.Received.IsEmpty), "the second email's callback arrives");
        Assert.Equal(after, Assert.Single(receiver.Received).Body.GetProperty("id").GetString());
    }

    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task An_inbound_text_is_posted_to_the_services_inbound_sms_callback(DatabaseProvider provider)
    {
        await using var receiver = await CallbackReceiver.StartAsync(200);
        await using var database = await TestDatabase.CreateAsync(provider);
        var settings = new Dictionary<string, string?>(LocalTargets)
        {
            ["Providers:Instances:0:Name"] = "vonage-inbound",
            ["Providers:Instances:0:Type"] = "vonage",
            ["Providers:Instances:0:Active"] = "false",
            ["Providers:Instances:0:Settings:ApiKey"] = "key",
            ["Providers:Instances:0:Settings:ApiSecret"] = "secret",
            ["Providers:Instances:0:Settings:WebhookToken"] = VonageToken,
        };
        await using var herald = await HeraldApp.StartAsync(database, settings: settings);
        var service = await herald.CreateReadyServiceAsync(service: new { name = "Clinic", sms_sender = "447700900999" });
        await herald.SetCallbackAsync(service.Id, "inbound_sms", receiver.Url, "inbound-token-123");

        var response = await herald.Http.GetAsync(new Uri($"/inbound/vonage?token={VonageToken}&msisdn=447700900123&to=447700900999&text=Running%20late&messageId=0A1", UriKind.Relative));

        Assert.Equal(204, (int)response.StatusCode);
        await Eventually.TrueAsync(() => Task.FromResult(!receiver.Received.IsEmpty), "the inbound_sms callback arrives");
        var (authorization, body) = Assert.Single(receiver.Received);
        Assert.Equal("Bearer inbound-token-123", authorization);
        Assert.Equal("447700900123", body.GetProperty("source_number").GetString());
        Assert.Equal("447700900999", body.GetProperty("destination_number").GetString());
        Assert.Equal("Running late", body.GetProperty("message").GetString());
        var texts = await HeraldApp.ExpectAsync(await herald.GetAsync(service.Key, "/v2/received-text-messages"), 200);
        Assert.Equal(body.GetProperty("id").GetString(), Assert.Single(texts.GetProperty("received_text_messages").EnumerateArray()).GetProperty("id").GetString());
        Assert.NotNull(body.GetProperty("date_received").GetString());
    }

    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task A_complaint_is_recorded_once_and_posted_to_the_complaint_callback_without_changing_the_status(DatabaseProvider provider)
    {
        await using var receiver = await CallbackReceiver.StartAsync(200);
        await using var database = await TestDatabase.CreateAsync(provider);
        var settings = new Dictionary<string, string?>(LocalTargets)
        {
            ["Providers:Instances:0:Name"] = "mg",
            ["Providers:Instances:0:Type"] = "mailgun",
            ["Providers:Instances:0:Active"] = "false",
            ["Providers:Instances:0:Settings:ApiKey"] = "key",
            ["Providers:Instances:0:Settings:Domain"] = "mg.example",
            ["Providers:Instances:0:Settings:WebhookSigningKey"] = MailgunKey,
        };
        await using var herald = await HeraldApp.StartAsync(database, settings: settings);
        var service = await herald.CreateReadyServiceAsync();
        await herald.SetCallbackAsync(service.Id, "complaint", receiver.Url, "complaint-token-123");
        var id = (await herald.SendEmailAsync(service, "reader@example.com", reference: "newsletter-7")).GetProperty("id").GetString()!;
        await using (var context = herald.Services.GetRequiredService<HeraldDatabase>().CreateContext())
        {
            await context.Notifications.Where(n => n.Id == Guid.Parse(id)).ExecuteUpdateAsync(s => s
                .SetProperty(n => n.ProviderName, "mg").SetProperty(n => n.ProviderReference, $"{id}@mg.example").SetProperty(n => n.Status, "delivered"));
        }

        Assert.Equal(200, (int)(await herald.Http.PostAsJsonAsync("/receipts/mailgun", MailgunEvent(id, "complained"))).StatusCode);
        Assert.Equal(200, (int)(await herald.Http.PostAsJsonAsync("/receipts/mailgun", MailgunEvent(id, "complained"))).StatusCode);

        await Eventually.TrueAsync(() => Task.FromResult(!receiver.Received.IsEmpty), "the complaint callback arrives");
        await Eventually.TrueAsync(async () =>
        {
            await using var context = herald.Services.GetRequiredService<HeraldDatabase>().CreateContext();
            return !await context.QueueItems.AnyAsync(q => q.Kind == "receipts.process" || q.Kind == "analytics.events" || q.Kind == "callbacks.deliver");
        }, "both events processed");
        var (authorization, body) = Assert.Single(receiver.Received);
        Assert.Equal("Bearer complaint-token-123", authorization);
        Assert.Equal(id, body.GetProperty("notification_id").GetString());
        Assert.Equal("newsletter-7", body.GetProperty("reference").GetString());
        Assert.Equal("reader@example.com", body.GetProperty("to").GetString());
        Assert.NotNull(body.GetProperty("complaint_date").GetString());
        await using (var context = herald.Services.GetRequiredService<HeraldDatabase>().CreateContext())
        {
            var complaint = await context.Complaints.SingleAsync();
            Assert.Equal(complaint.Id, body.GetProperty("complaint_id").GetGuid());
        }

        Assert.Equal("delivered", (await HeraldApp.ExpectAsync(await herald.GetAsync(service.Key, $"/v2/notifications/{id}"), 200)).GetProperty("status").GetString());
    }

    private const string VonageToken = "vonage-webhook-token-0123";
    private const string MailgunKey = "mailgun-signing-key";

    private static object MailgunEvent(string notificationId, string eventName)
    {
        var timestamp = TimeProvider.System.GetUtcNow().ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture);
        var token = Guid.NewGuid().ToString("N");
        return new Dictionary<string, object>
        {
            ["signature"] = new { timestamp, token, signature = Herald.Integrations.Mailgun.MailgunSignature.Compute(MailgunKey, timestamp, token) },
            ["event-data"] = new Dictionary<string, object?>
            {
                ["event"] = eventName,
                ["message"] = new { headers = new Dictionary<string, string> { ["message-id"] = $"{notificationId}@mg.example" } },
            },
        };
    }

    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task A_4xx_answer_is_not_retried_but_a_5xx_or_429_is(DatabaseProvider provider)
    {
        await using var refusing = await CallbackReceiver.StartAsync(400);
        await using var failing = await CallbackReceiver.StartAsync(503);
        await using var throttling = await CallbackReceiver.StartAsync(429);
        await using var database = await TestDatabase.CreateAsync(provider);
        var settings = new Dictionary<string, string?>(LocalTargets) { ["Queue:Backoff:callbacks.deliver"] = "100ms,100ms" };
        await using var herald = await HeraldApp.StartAsync(database, settings: settings);
        var first = await herald.CreateReadyServiceAsync("test");
        var second = await herald.CreateReadyServiceAsync("test");
        var third = await herald.CreateReadyServiceAsync("test");
        await herald.SetCallbackAsync(first.Id, "delivery_status", refusing.Url);
        await herald.SetCallbackAsync(second.Id, "delivery_status", failing.Url);
        await herald.SetCallbackAsync(third.Id, "delivery_status", throttling.Url);

        await herald.SendSmsAsync(first, "07700900123");
        await herald.SendSmsAsync(second, "07700900123");
        await herald.SendSmsAsync(third, "07700900123");

        await Eventually.TrueAsync(() => Task.FromResult(failing.Received.Count == 3), "the 503 callback is tried three times");
        await Eventually.TrueAsync(() => Task.FromResult(throttling.Received.Count == 3), "the 429 callback is tried three times");
        await Task.Delay(500);
        Assert.Single(refusing.Received);
        Assert.Equal(3, failing.Received.Count);
        Assert.Equal(3, throttling.Received.Count);
    }

    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task An_http_callback_is_not_called_by_a_node_that_does_not_allow_http(DatabaseProvider provider)
    {
        await using var receiver = await CallbackReceiver.StartAsync(200);
        await using var database = await TestDatabase.CreateAsync(provider);
        TestService service;
        await using (var permissive = await HeraldApp.StartAsync(database, role: Herald.Settings.HeraldRole.Api, settings: LocalTargets))
        {
            service = await permissive.CreateReadyServiceAsync("test");
            await permissive.SetCallbackAsync(service.Id, "delivery_status", receiver.Url);
        }

        await using var strict = await HeraldApp.StartAsync(database, settings: new Dictionary<string, string?> { ["AllowPrivateTargets"] = "true" });
        var id = (await strict.SendSmsAsync(service, "07700900003")).GetProperty("id").GetString()!;

        await strict.WaitForStatusAsync(service.Key, id, "temporary-failure");
        await Eventually.TrueAsync(async () =>
        {
            await using var context = strict.Services.GetRequiredService<HeraldDatabase>().CreateContext();
            return !await context.QueueItems.AnyAsync(q => q.Kind == "callbacks.deliver");
        }, "the callback item handled");
        Assert.Empty(receiver.Received);
    }

    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task Callback_urls_must_be_https_public_and_have_a_token(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var herald = await HeraldApp.StartAsync(database, role: Herald.Settings.HeraldRole.Api);
        var service = await herald.CreateReadyServiceAsync();
        var path = $"/admin/api/services/{service.Id}/callbacks/delivery_status";

        await HeraldApp.ExpectErrorAsync(await herald.Admin.PutAsJsonAsync(path, new { url = "http://example.com/cb", bearer_token = "secret-token-123" }), 400, "ValidationError", "url must be https");
        await HeraldApp.ExpectErrorAsync(await herald.Admin.PutAsJsonAsync(path, new { url = "https://127.0.0.1/cb", bearer_token = "secret-token-123" }),
            400, "ValidationError", "url is not allowed: 127.0.0.1 resolves to 127.0.0.1, a private or loopback address");
        await HeraldApp.ExpectErrorAsync(await herald.Admin.PutAsJsonAsync(path, new { url = "https://10.1.2.3/cb", bearer_token = "secret-token-123" }),
            400, "ValidationError", "url is not allowed: 10.1.2.3 resolves to 10.1.2.3, a private or loopback address");
        await HeraldApp.ExpectErrorAsync(await herald.Admin.PutAsJsonAsync(path, new { url = "https://203.0.113.9/cb", bearer_token = "short" }), 400, "ValidationError", "bearer_token must be at least 10 characters");
        await HeraldApp.ExpectErrorAsync(await herald.Admin.PutAsJsonAsync(path, new { url = "https://203.0.113.9/cb", bearer_token = new string('t', 1001) }), 400, "ValidationError", "bearer_token is too long (1000 characters at most)");
        await HeraldApp.ExpectErrorAsync(await herald.Admin.PutAsJsonAsync($"/admin/api/services/{service.Id}/callbacks/sms_sent", new { url = "https://203.0.113.9/cb", bearer_token = "secret-token-123" }),
            404, "NoResultFound", "No result found");
        await HeraldApp.ExpectAsync(await herald.Admin.PutAsJsonAsync(path, new { url = "https://203.0.113.9/cb", bearer_token = "secret-token-123" }), 200);
    }
}
