using System.Text.Json;
using Herald.Storage;
using Herald.Tests.Fixtures;

namespace Herald.Tests.Pushers.WebPush;

public sealed class WebPushPusherTests
{
    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task Events_reach_the_browser_encrypted_in_order_and_a_gone_subscription_removes_the_pusher(DatabaseProvider provider)
    {
        await using var pushService = await FakePushService.StartAsync();
        await using var harness = await PushHarness.StartAsync(provider, settings: WebPushTestHost.LoopbackSettings(out var vapidKey));
        using var browser = new TestUserAgent();
        var subscription = browser.Subscribe(pushService.Endpoint("sub-1"));
        await HeraldApp.ExpectAsync(await harness.Herald.PostAsync(harness.Service.Key, "/v2/push/users/bob/pushers", new
        {
            kind = "webpush",
            app_id = "web.example",
            pushkey = "sub-1",
            app_display_name = "Web",
            device_display_name = "Firefox",
            lang = "en",
            data = new { endpoint = subscription.Endpoint, keys = new { p256dh = subscription.P256dh, auth = subscription.Auth } },
        }), 201);

        await harness.PostEventAsync("$e1", "!room", "bob");
        await harness.PostEventAsync("$e2", "!room", "bob");

        await Eventually.TrueAsync(() => Task.FromResult(pushService.Received.Count == 2), "two pushes");
        var pushes = pushService.Received.ToList();
        foreach (var push in pushes)
        {
            VapidAuthorization.Verify(push.Headers["Authorization"], vapidKey);
        }

        var notifications = pushes.Select(p => JsonDocument.Parse(browser.Decrypt(p.Body).Plaintext).RootElement.GetProperty("notification")).ToList();
        Assert.Equal(["$e1", "$e2"], notifications.Select(n => n.GetProperty("event_id").GetString()));
        Assert.Equal("hello $e1", notifications[0].GetProperty("content").GetProperty("body").GetString());
        Assert.All(notifications, n => Assert.False(n.TryGetProperty("devices", out _)));

        // The browser unsubscribed: the push service answers 410 and the pusher goes.
        pushService.Status = 410;
        await harness.PostEventAsync("$e3", "!room", "bob");
        await Eventually.TrueAsync(async () => (await harness.PushersAsync("bob")).Length == 0, "the pusher is removed");
        Assert.Equal(3, pushService.Received.Count);
    }
}
