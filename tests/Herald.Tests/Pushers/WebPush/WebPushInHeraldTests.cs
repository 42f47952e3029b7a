using Herald.Hosting;
using Herald.Pushers.WebPush;
using Herald.Storage;
using Herald.Tests.Fixtures;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace Herald.Tests.Pushers.WebPush;

/// <summary>AddWebPush inside the whole Herald host, beside the notification services that share its outbound policy.</summary>
public sealed class WebPushInHeraldTests
{
    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task Herald_with_web_push_and_no_VAPID_keys_still_starts(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var app = await StartHeraldAsync(database, []);
        using var userAgent = new TestUserAgent();
        try
        {
            await Assert.ThrowsAsync<WebPushNotConfiguredException>(() => app.Services.GetRequiredService<WebPushSender>()
                .SendAsync(userAgent.Subscribe("https://push.example.net/s/1"), "{}"u8.ToArray(), WebPushMessageOptions.Default, CancellationToken.None));
        }
        finally
        {
            await app.StopAsync();
        }
    }

    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task Herald_with_web_push_configured_delivers_through_its_outbound_policy(DatabaseProvider provider)
    {
        await using var pushService = await FakePushService.StartAsync();
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var app = await StartHeraldAsync(database, WebPushTestHost.LoopbackSettings(out var vapidKey));
        using var userAgent = new TestUserAgent();

        WebPushOutcome outcome;
        try
        {
            outcome = await app.Services.GetRequiredService<WebPushSender>()
                .SendAsync(userAgent.Subscribe(pushService.Endpoint("sub-1")), "{\"n\":1}"u8.ToArray(), WebPushMessageOptions.Default, CancellationToken.None);
        }
        finally
        {
            await app.StopAsync();
        }

        Assert.Equal(WebPushOutcome.Delivered, outcome);
        var push = Assert.Single(pushService.Received);
        VapidAuthorization.Verify(push.Headers["Authorization"], vapidKey);
        Assert.Equal("{\"n\":1}"u8.ToArray(), userAgent.Decrypt(push.Body).Plaintext);
    }

    private static async Task<WebApplication> StartHeraldAsync(TestDatabase database, Dictionary<string, string?> settings)
    {
        settings["Database"] = database.DatabaseArgument;
        settings["Urls"] = "http://127.0.0.1:0";
        settings["Logging:LogLevel:Default"] = "Warning";
        var app = HeraldHost.Build(settings, services => services.AddWebPush());
        await app.Services.GetRequiredService<DatabaseMigrator>().MigrateAsync(CancellationToken.None);
        await app.StartAsync();
        return app;
    }
}
