using System.Diagnostics.Metrics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Herald.Pushers.WebPush;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;

namespace Herald.Tests.Pushers.WebPush;

public sealed class WebPushSenderTests
{
    [Fact]
    public async Task A_push_carries_the_protocol_headers_a_VAPID_token_and_a_body_only_the_subscription_can_read()
    {
        await using var pushService = await FakePushService.StartAsync();
        await using var herald = await WebPushTestHost.StartAsync(WebPushTestHost.LoopbackSettings(out var vapidKey));
        using var outcomes = new MetricCollector<long>(herald.Services.GetRequiredService<IMeterFactory>(), WebPushMetrics.MeterName, "herald.webpush.outcomes");
        using var userAgent = new TestUserAgent();
        var payload = Encoding.UTF8.GetBytes("{\"room\":\"Project X\",\"sender\":\"Alice\"}");

        var outcome = await herald.Sender.SendAsync(userAgent.Subscribe(pushService.Endpoint("sub-1")), payload,
            new WebPushMessageOptions { Ttl = TimeSpan.FromMinutes(30), Urgency = WebPushUrgency.High, Topic = "room-42" }, CancellationToken.None);

        Assert.Equal(WebPushOutcome.Delivered, outcome);
        var push = Assert.Single(pushService.Received);
        Assert.Equal("sub-1", push.Id);
        Assert.Equal("1800", push.Headers["TTL"]);
        Assert.Equal("high", push.Headers["Urgency"]);
        Assert.Equal("room-42", push.Headers["Topic"]);
        Assert.Equal("aes128gcm", push.Headers["Content-Encoding"]);
        Assert.Equal("application/octet-stream", push.Headers["Content-Type"]);
        var (_, claims) = VapidAuthorization.Verify(push.Headers["Authorization"], vapidKey);
        Assert.Equal(pushService.Url, claims.GetProperty("aud").GetString());
        Assert.Equal(payload, userAgent.Decrypt(push.Body).Plaintext);
        Assert.Equal("delivered", Assert.Single(outcomes.GetMeasurementSnapshot()).Tags["outcome"]);
    }

    [Fact]
    public async Task Default_options_ask_for_a_day_at_normal_urgency_without_a_topic()
    {
        await using var pushService = await FakePushService.StartAsync();
        await using var herald = await WebPushTestHost.StartAsync(WebPushTestHost.LoopbackSettings(out _));
        using var userAgent = new TestUserAgent();

        await herald.Sender.SendAsync(userAgent.Subscribe(pushService.Endpoint("sub-1")), "{}"u8.ToArray(), WebPushMessageOptions.Default, CancellationToken.None);

        var push = Assert.Single(pushService.Received);
        Assert.Equal(("86400", "normal", false), (push.Headers["TTL"], push.Headers["Urgency"], push.Headers.ContainsKey("Topic")));
    }

    [Theory]
    [InlineData(201, WebPushOutcome.Delivered)]
    [InlineData(202, WebPushOutcome.Delivered)]
    [InlineData(404, WebPushOutcome.Gone)]
    [InlineData(410, WebPushOutcome.Gone)]
    [InlineData(429, WebPushOutcome.Retry)]
    [InlineData(500, WebPushOutcome.Retry)]
    [InlineData(503, WebPushOutcome.Retry)]
    [InlineData(400, WebPushOutcome.Rejected)]
    [InlineData(403, WebPushOutcome.Rejected)]
    [InlineData(413, WebPushOutcome.Rejected)]
    [InlineData(301, WebPushOutcome.Rejected)]
    public async Task The_push_services_answer_says_what_to_do_next(int status, WebPushOutcome expected)
    {
        await using var pushService = await FakePushService.StartAsync();
        pushService.Status = status;
        await using var herald = await WebPushTestHost.StartAsync(WebPushTestHost.LoopbackSettings(out _));
        using var outcomes = new MetricCollector<long>(herald.Services.GetRequiredService<IMeterFactory>(), WebPushMetrics.MeterName, "herald.webpush.outcomes");
        using var userAgent = new TestUserAgent();

        var outcome = await herald.Sender.SendAsync(userAgent.Subscribe(pushService.Endpoint("sub-1")), "{}"u8.ToArray(), WebPushMessageOptions.Default, CancellationToken.None);

        Assert.Equal(expected, outcome);
        Assert.Single(pushService.Received);
        Assert.Equal(expected.ToString().ToLowerInvariant(), Assert.Single(outcomes.GetMeasurementSnapshot()).Tags["outcome"]);
    }

    [Fact]
    public async Task A_loopback_endpoint_is_refused_when_private_targets_are_not_allowed()
    {
        await using var pushService = await FakePushService.StartAsync();
        var settings = WebPushTestHost.LoopbackSettings(out _);
        settings.Remove("AllowPrivateTargets");
        await using var herald = await WebPushTestHost.StartAsync(settings);
        using var userAgent = new TestUserAgent();

        var outcome = await herald.Sender.SendAsync(userAgent.Subscribe(pushService.Endpoint("sub-1")), "{}"u8.ToArray(), WebPushMessageOptions.Default, CancellationToken.None);

        Assert.Equal(WebPushOutcome.Rejected, outcome);
        Assert.Empty(pushService.Received);
        Assert.Contains(herald.Logs.Lines, l => l.Contains("private or loopback", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_plain_http_endpoint_is_refused_unless_http_targets_are_allowed()
    {
        await using var pushService = await FakePushService.StartAsync();
        var settings = WebPushTestHost.LoopbackSettings(out _);
        settings.Remove("AllowHttpCallbacks");
        await using var herald = await WebPushTestHost.StartAsync(settings);
        using var userAgent = new TestUserAgent();

        var outcome = await herald.Sender.SendAsync(userAgent.Subscribe(pushService.Endpoint("sub-1")), "{}"u8.ToArray(), WebPushMessageOptions.Default, CancellationToken.None);

        Assert.Equal(WebPushOutcome.Rejected, outcome);
        Assert.Empty(pushService.Received);
    }

    [Fact]
    public async Task An_unreachable_push_service_is_retried()
    {
        await using var herald = await WebPushTestHost.StartAsync(WebPushTestHost.LoopbackSettings(out _));
        using var userAgent = new TestUserAgent();

        var outcome = await herald.Sender.SendAsync(userAgent.Subscribe($"http://127.0.0.1:{ClosedPort()}/push/sub-1"), "{}"u8.ToArray(),
            WebPushMessageOptions.Default, CancellationToken.None);

        Assert.Equal(WebPushOutcome.Retry, outcome);
    }

    [Fact]
    public async Task A_push_service_that_does_not_answer_in_time_is_retried()
    {
        await using var pushService = await FakePushService.StartAsync();
        pushService.Hang = true;
        await using var herald = await WebPushTestHost.StartAsync(WebPushTestHost.LoopbackSettings(out _),
            services => services.AddHttpClient(WebPushSender.HttpClientName, client => client.Timeout = TimeSpan.FromMilliseconds(300)));
        using var userAgent = new TestUserAgent();

        var outcome = await herald.Sender.SendAsync(userAgent.Subscribe(pushService.Endpoint("sub-1")), "{}"u8.ToArray(), WebPushMessageOptions.Default, CancellationToken.None);

        Assert.Equal(WebPushOutcome.Retry, outcome);
    }

    [Fact]
    public async Task A_cancelled_send_is_cancelled_not_retried()
    {
        await using var pushService = await FakePushService.StartAsync();
        pushService.Hang = true;
        await using var herald = await WebPushTestHost.StartAsync(WebPushTestHost.LoopbackSettings(out _));
        using var userAgent = new TestUserAgent();
        using var cancellation = new CancellationTokenSource();

        var send = herald.Sender.SendAsync(userAgent.Subscribe(pushService.Endpoint("sub-1")), "{}"u8.ToArray(), WebPushMessageOptions.Default, cancellation.Token);
        await Fixtures.Eventually.TrueAsync(() => Task.FromResult(!pushService.Received.IsEmpty), "the push service received the message");
        await cancellation.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => send);
    }

    [Fact]
    public async Task Logs_name_the_push_services_origin_never_the_endpoint()
    {
        await using var pushService = await FakePushService.StartAsync();
        await using var herald = await WebPushTestHost.StartAsync(WebPushTestHost.LoopbackSettings(out _));
        using var userAgent = new TestUserAgent();
        var subscription = userAgent.Subscribe(pushService.Endpoint("secret-capability-token"));

        foreach (var status in new[] { 201, 410, 503, 400 })
        {
            pushService.Status = status;
            await herald.Sender.SendAsync(subscription, "{}"u8.ToArray(), WebPushMessageOptions.Default, CancellationToken.None);
        }

        Assert.Contains(herald.Logs.Lines, l => l.Contains($"{pushService.Url} answered HTTP 410", StringComparison.Ordinal));
        Assert.Contains(herald.Logs.Lines, l => l.Contains($"{pushService.Url} answered HTTP 503", StringComparison.Ordinal));
        Assert.DoesNotContain(herald.Logs.Lines, l => l.Contains("secret-capability-token", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("BCVxsr7N")]
    [InlineData("BCVxsr7N_eNgVRqvHtD0zTZsEc6-VV-JvLexhqUzORcxaOzi6-AYWXvTBHm4bjyPjs7Vd8pZGH6SRpkNtoIAiw8")]
    public async Task A_subscription_with_a_bad_key_is_rejected_without_a_request(string p256dh)
    {
        await using var pushService = await FakePushService.StartAsync();
        await using var herald = await WebPushTestHost.StartAsync(WebPushTestHost.LoopbackSettings(out _));

        var outcome = await herald.Sender.SendAsync(new WebPushSubscription(pushService.Endpoint("sub-1"), p256dh, "BTBZMqHH6r4Tts7J_aSIgg"),
            "{}"u8.ToArray(), WebPushMessageOptions.Default, CancellationToken.None);

        Assert.Equal(WebPushOutcome.Rejected, outcome);
        Assert.Empty(pushService.Received);
    }

    private static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
