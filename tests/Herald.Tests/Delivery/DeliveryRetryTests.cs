using System.Net.Http.Json;
using Herald.Fakes;
using Herald.Storage;
using Herald.Tests.Fixtures;
using Herald.Tests.Providers;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Herald.Queue;

namespace Herald.Tests.Delivery;

public sealed class DeliveryRetryTests
{
    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task A_provider_that_keeps_failing_is_retried_on_schedule_then_the_notification_ends_technical_failure_with_a_callback(DatabaseProvider provider)
    {
        await using var fakes = await ProviderFakes.StartAsync(TwilioTests.FakeOptions);
        fakes.Twilio.Behaviour = fakes.Twilio.Behaviour with { ServerErrorRate = 1.0 };
        await using var receiver = await CallbackReceiver.StartAsync(200);
        await using var database = await TestDatabase.CreateAsync(provider);
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 7, 10, 12, 0, 0, TimeSpan.Zero));
        var logs = new CapturedLogs();
        var settings = TwilioTests.Settings(fakes.BaseUrl);
        settings["Queue:Backoff:delivery.sms"] = "0s,2*5m"; // Notify's shape (one at once, then every 5 minutes), shorter
        settings["AllowPrivateTargets"] = "true";
        settings["AllowHttpCallbacks"] = "true";
        await using var herald = await HeraldApp.StartAsync(database, clock, settings: settings, logs: logs);
        var service = await herald.CreateReadyServiceAsync();
        await herald.SetCallbackAsync(service.Id, "delivery_status", receiver.Url);

        var id = (await herald.SendSmsAsync(service, "07700900123")).GetProperty("id").GetString()!;

        // The first try and the immediate retry; the next waits five minutes of the clock.
        await Eventually.TrueAsync(async () => fakes.Twilio.Requests.Count == 2 && await NextTryAsync(herald) == clock.GetUtcNow() + TimeSpan.FromMinutes(5),
            "two tries, the third due in five minutes");
        clock.Advance(TimeSpan.FromMinutes(4));
        Assert.Equal("created", (await HeraldApp.ExpectAsync(await herald.GetAsync(service.Key, $"/v2/notifications/{id}"), 200)).GetProperty("status").GetString());
        Assert.Equal(2, fakes.Twilio.Requests.Count);

        // The clock moves on in small steps, so a worker that had not yet armed its timer is woken by the next step.
        await AdvanceUntilAsync(clock, TimeSpan.FromMinutes(1), () => fakes.Twilio.Requests.Count == 3, "the third try");
        DateTimeOffset? next = null;
        await Eventually.TrueAsync(async () => (next = await NextTryAsync(herald)) is not null, "the fourth try scheduled");
        Assert.InRange(next!.Value - clock.GetUtcNow(), TimeSpan.FromMinutes(4), TimeSpan.FromMinutes(5));
        await AdvanceUntilAsync(clock, next.Value - clock.GetUtcNow(), () => fakes.Twilio.Requests.Count == 4, "the fourth and last try");

        await herald.WaitForStatusAsync(service.Key, id, "technical-failure");
        Assert.Equal(4, fakes.Twilio.Requests.Count);
        Assert.All(fakes.Twilio.Requests, r => Assert.Equal(503, r.StatusCode));
        Assert.Equal(3, logs.Lines.Count(l => l.StartsWith("RETRY: delivery.sms", StringComparison.Ordinal) && l.Contains(id, StringComparison.Ordinal)));

        // The handler records technical-failure before it hands the last failure back; the queue
        // then keeps the item as dead and logs it, so the line may come just after the status.
        await Eventually.TrueAsync(() => Task.FromResult(logs.Lines.Any(l => l.StartsWith("RETRY FAILED: delivery.sms", StringComparison.Ordinal))),
            "the RETRY FAILED line");
        Assert.Single(logs.Lines, l => l.StartsWith("RETRY FAILED: delivery.sms", StringComparison.Ordinal) && l.Contains(id, StringComparison.Ordinal));
        await Eventually.TrueAsync(() => Task.FromResult(!receiver.Received.IsEmpty), "the delivery_status callback arrives");
        var (_, body) = Assert.Single(receiver.Received);
        Assert.Equal(id, body.GetProperty("id").GetString());
        Assert.Equal("technical-failure", body.GetProperty("status").GetString());
    }

    private static Task AdvanceUntilAsync(FakeTimeProvider clock, TimeSpan first, Func<bool> condition, string what)
    {
        var step = first;
        return Eventually.TrueAsync(() =>
        {
            if (!condition())
            {
                clock.Advance(step);
                step = TimeSpan.FromSeconds(1);
            }

            return Task.FromResult(condition());
        }, what);
    }

    /// <summary>When the SMS delivery item will be tried next, once it is back in the queue; null while it is leased or gone.</summary>
    private static async Task<DateTimeOffset?> NextTryAsync(HeraldApp herald)
    {
        await using var context = herald.Services.GetRequiredService<HeraldDatabase>().CreateContext();
        var item = await context.QueueItems.AsNoTracking().FirstOrDefaultAsync(q => q.Kind == "delivery.sms");
        return item is { LeaseOwner: null } ? DateTimeOffset.FromUnixTimeMilliseconds(item.RunAt) : null;
    }
}
