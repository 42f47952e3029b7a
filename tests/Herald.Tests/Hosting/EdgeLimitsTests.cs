using System.Net;
using System.Text;
using Herald.Cli;
using Herald.Notifications;
using Herald.Pushers;
using Herald.Storage;
using Herald.Tests.Fixtures;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Herald.Tests.Hosting;

public sealed class EdgeLimitsTests
{
    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task A_body_over_its_route_familys_limit_is_a_413_and_nothing_is_stored(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var herald = await HeraldApp.StartAsync(database);
        var service = await herald.CreateReadyServiceAsync();

        // 28 MiB was accepted before; /v2 now stops at 4 MiB.
        var huge = $$$"""{"email_address":"ada@example.com","template_id":"{{{service.EmailTemplateId}}}","personalisation":{"unused":"{{{new string('x', 5 * 1024 * 1024)}}}"}}""";
        var refused = await PostExpectingContinueAsync(herald, service.Key, "/v2/notifications/email", huge);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, refused.StatusCode);
        var error = await HeraldApp.ExpectAsync(refused, 413);
        Assert.Equal("BadRequestError", error.GetProperty("errors")[0].GetProperty("error").GetString());
        Assert.Contains("too large", error.GetProperty("errors")[0].GetProperty("message").GetString(), StringComparison.Ordinal);

        var push = await PostExpectingContinueAsync(herald, service.Key, "/v2/push/events", $$$"""{"room_id":"!r","content":{"body":"{{{new string('x', 2 * 1024 * 1024)}}}"}}""");
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, push.StatusCode);

        var webhook = await PostExpectingContinueAsync(herald, null, "/receipts/mailgun", $$$"""{"signature":{"token":"{{{new string('t', 300 * 1024)}}}"}}""");
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, webhook.StatusCode);

        // Within the limits the same routes still work.
        await herald.SendEmailAsync(service, "ada@example.com", new { name = "Ada", code = "1", unused = new string('x', 1024 * 1024) });
        await using var context = herald.Services.GetRequiredService<HeraldDatabase>().CreateContext();
        Assert.Equal(1, await context.Notifications.CountAsync());
        Assert.Equal(0, await context.Set<PushEventRecord>().CountAsync());
    }

    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task Personalisation_with_too_many_keys_or_too_many_bytes_is_refused_in_notifys_format(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var herald = await HeraldApp.StartAsync(database);
        var service = await herald.CreateReadyServiceAsync();

        var keys = Enumerable.Range(0, 1001).ToDictionary(i => $"k{i}", i => (object)"v");
        keys["name"] = "Ada";
        keys["code"] = "1";
        var tooMany = await herald.PostAsync(service.Key, "/v2/notifications/sms", new { phone_number = "07700900123", template_id = service.SmsTemplateId, personalisation = keys });
        await HeraldApp.ExpectErrorAsync(tooMany, 400, "ValidationError", "personalisation has 1003 keys: it can have 1000 at most");

        var tooBig = await herald.PostAsync(service.Key, "/v2/notifications/email", new
        {
            email_address = "ada@example.com", template_id = service.EmailTemplateId,
            personalisation = new { name = "Ada", code = "1", a = new string('a', 1_000_000), b = new string('b', 1_000_000) },
        });
        var error = await HeraldApp.ExpectAsync(tooBig, 400);
        Assert.Equal("ValidationError", error.GetProperty("errors")[0].GetProperty("error").GetString());
        Assert.StartsWith("personalisation is 2000", error.GetProperty("errors")[0].GetProperty("message").GetString(), StringComparison.Ordinal);

        var justEnough = Enumerable.Range(0, 998).ToDictionary(i => $"k{i}", i => (object)"v");
        justEnough["name"] = "Ada";
        justEnough["code"] = "1";
        await HeraldApp.ExpectAsync(await herald.PostAsync(service.Key, "/v2/notifications/sms", new { phone_number = "07700900123", template_id = service.SmsTemplateId, personalisation = justEnough }), 201);
        await using var context = herald.Services.GetRequiredService<HeraldDatabase>().CreateContext();
        Assert.Equal(1, await context.Notifications.CountAsync());
    }

    [Fact]
    public async Task Unauthenticated_routes_are_rate_limited_per_ip_and_the_apis_are_not()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        await using var herald = await HeraldApp.StartAsync(database, settings: new Dictionary<string, string?>
        {
            ["Edge:WebhooksPerSecondPerIp"] = "1",
            ["Edge:UnsubscribesPerMinutePerIp"] = "1",
        });
        var service = await herald.CreateReadyServiceAsync();

        // A burst of twice the rate passes; the next is refused with a time to come back.
        var webhooks = new List<HttpResponseMessage>();
        for (var i = 0; i < 4; i++)
        {
            using var body = new StringContent("{}", Encoding.UTF8, "application/json");
            webhooks.Add(await herald.Http.PostAsync("/receipts/mailgun", body));
        }

        Assert.Equal([HttpStatusCode.Forbidden, HttpStatusCode.Forbidden], webhooks.Take(2).Select(r => r.StatusCode));
        var limited = webhooks.Last();
        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        Assert.True(limited.Headers.RetryAfter?.Delta >= TimeSpan.FromSeconds(1));

        var unsubscribes = new List<HttpStatusCode>();
        for (var i = 0; i < 3; i++)
        {
            unsubscribes.Add((await herald.Http.GetAsync("/push/email/unsubscribe?token=x")).StatusCode);
        }

        Assert.Equal(HttpStatusCode.TooManyRequests, unsubscribes[2]);
        Assert.NotEqual(HttpStatusCode.TooManyRequests, unsubscribes[0]);

        for (var i = 0; i < 5; i++)
        {
            await herald.SendSmsAsync(service, "07700900123", new { code = "1" });
        }
    }

    /// <summary>
    /// As a well-behaved client sends a large body: it waits for the server's go-ahead, so a
    /// refusal arrives as an answer instead of a connection closed under a body still being sent.
    /// </summary>
    private static Task<HttpResponseMessage> PostExpectingContinueAsync(HeraldApp herald, string? key, string path, string json)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new StringContent(json, Encoding.UTF8, "application/json") };
        request.Headers.ExpectContinue = true;
        if (key is not null)
        {
            request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", NotifyTokenSigner.Sign(key, herald.Time.GetUtcNow()));
        }

        return herald.Http.SendAsync(request);
    }
}
