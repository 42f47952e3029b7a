using Herald.Notifications;
using Herald.Storage;
using Herald.Tests.Fixtures;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Herald.Settings;
using Herald.Queue;

namespace Herald.Tests.Api;

public sealed class LimitTests
{
    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task The_rate_limit_answers_429_when_the_bucket_is_empty_and_refills(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 6, 1, 12, 0, 0, TimeSpan.Zero));
        await using var herald = await HeraldApp.StartAsync(database, clock, HeraldRole.Api);
        // 3 a minute: the bucket holds ceil(3/3)+1 = 2 and refills one every 20 s.
        var service = await herald.CreateReadyServiceAsync(service: new { name = "Slow", rate_limit = 3 });

        await herald.SendEmailAsync(service, "a@example.com");
        await herald.SendEmailAsync(service, "a@example.com");
        var third = await herald.PostAsync(service.Key, "/v2/notifications/email", new
        {
            email_address = "a@example.com", template_id = service.EmailTemplateId, personalisation = new { name = "a", code = "b" },
        });
        await HeraldApp.ExpectErrorAsync(third, 429, "RateLimitError", "Exceeded rate limit for key type LIVE of 3 requests per 60 seconds");

        clock.Advance(TimeSpan.FromSeconds(20));
        await herald.SendEmailAsync(service, "a@example.com");
    }

    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task The_daily_limit_answers_429_and_resets_at_midnight_utc(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 6, 1, 23, 59, 0, TimeSpan.Zero));
        await using var herald = await HeraldApp.StartAsync(database, clock, HeraldRole.Api);
        var service = await herald.CreateReadyServiceAsync(service: new { name = "Small", email_daily_limit = 2, sms_daily_limit = 1 });
        var testKey = await herald.CreateKeyAsync(service.Id, "test", "test-key");

        await herald.SendEmailAsync(service, "a@example.com");
        await herald.SendEmailAsync(service, "a@example.com");
        await herald.SendSmsAsync(service, "07700900123");
        var email = await herald.PostAsync(service.Key, "/v2/notifications/email", new
        {
            email_address = "a@example.com", template_id = service.EmailTemplateId, personalisation = new { name = "a", code = "b" },
        });
        await HeraldApp.ExpectErrorAsync(email, 429, "TooManyRequestsError", "Exceeded send limits (email: 2) for today");

        // Test keys are not counted.
        await herald.SendEmailAsync(service with { Key = testKey }, "a@example.com");

        clock.Advance(TimeSpan.FromMinutes(1));
        await herald.SendEmailAsync(service, "a@example.com");
    }

    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task Concurrent_sends_at_the_daily_limit_accept_exactly_the_limit(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var herald = await HeraldApp.StartAsync(database, role: HeraldRole.Api);
        var service = await herald.CreateReadyServiceAsync(service: new { name = "Five", email_daily_limit = 5 });

        var responses = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => herald.PostAsync(service.Key, "/v2/notifications/email", new
        {
            email_address = "a@example.com", template_id = service.EmailTemplateId, personalisation = new { name = "a", code = "b" },
        })));

        Assert.Equal(5, responses.Count(r => (int)r.StatusCode == 201));
        Assert.Equal(15, responses.Count(r => (int)r.StatusCode == 429));
        var listed = await HeraldApp.ExpectAsync(await herald.GetAsync(service.Key, "/v2/notifications"), 200);
        Assert.Equal(5, listed.GetProperty("notifications").GetArrayLength());

        // Refused sends leave nothing behind: no row, no delivery item (there is no worker here).
        await using var context = herald.Services.GetRequiredService<HeraldDatabase>().CreateContext();
        Assert.Equal(5, await context.Notifications.CountAsync());
        Assert.Equal(5, await context.QueueItems.CountAsync(q => q.Kind == DeliveryItem.EmailKind));

        // Once the counter is full, later batches are counted before anything is written.
        var late = await herald.PostAsync(service.Key, "/v2/notifications/email", new
        {
            email_address = "a@example.com", template_id = service.EmailTemplateId, personalisation = new { name = "a", code = "b" },
        });
        await HeraldApp.ExpectErrorAsync(late, 429, "TooManyRequestsError", "Exceeded send limits (email: 5) for today");
        Assert.Equal(5, await context.Notifications.CountAsync());
    }
}
