using System.Diagnostics.Metrics;
using System.Net.Http.Json;
using Herald.Fakes;
using Herald.Notifications;
using Herald.Queue;
using Herald.Storage;
using Herald.Tests.Fixtures;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;

namespace Herald.Tests.Providers;

/// <summary>Twilio's status callbacks, as the fake sends them, end to end through Herald.</summary>
public sealed class TwilioReceiptTests
{
    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task Status_callbacks_move_an_sms_from_sending_to_delivered(DatabaseProvider provider)
    {
        await using var fakes = await ProviderFakes.StartAsync(TwilioTests.FakeOptions);
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var herald = await StartHeraldAsync(database, fakes);
        var meters = herald.Services.GetRequiredService<IMeterFactory>();
        using var outcomes = new MetricCollector<long>(meters, NotificationMetrics.MeterName, "herald.delivery.outcomes");
        using var calls = new MetricCollector<double>(meters, NotificationMetrics.MeterName, "herald.provider.call.duration");
        using var processed = new MetricCollector<long>(meters, NotificationMetrics.MeterName, "herald.receipts");
        var service = await herald.CreateReadyServiceAsync();

        var id = (await herald.SendSmsAsync(service, "07700900123")).GetProperty("id").GetString()!;

        await herald.WaitForStatusAsync(service.Key, id, "delivered");
        Assert.Equal($"{herald.BaseUrl}/receipts/twilio", Assert.Single(fakes.Twilio.Requests).Form["StatusCallback"]);
        var receipts = await AllReceiptsSentAsync(fakes.Twilio, 2);
        Assert.Equal(["sent", "delivered"], receipts.Select(r => r.Status));
        Assert.All(receipts, r => Assert.Equal(204, r.StatusCode));

        // What an operator graphs: sends by provider and outcome, call latency, receipts by mapped status.
        await Eventually.TrueAsync(() => Task.FromResult(processed.GetMeasurementSnapshot().Count == 2), "both receipts counted");
        var sent = Assert.Single(outcomes.GetMeasurementSnapshot());
        Assert.Equal(("sms", "twilio", "sent"), ((string?)sent.Tags["type"], (string?)sent.Tags["provider"], (string?)sent.Tags["outcome"]));
        var call = Assert.Single(calls.GetMeasurementSnapshot());
        Assert.Equal(("twilio", "ok"), ((string?)call.Tags["provider"], (string?)call.Tags["outcome"]));
        Assert.True(call.Value > 0);
        Assert.Equal(["delivered", "sending"], processed.GetMeasurementSnapshot().Select(m => (string?)m.Tags["status"]).Order());
        Assert.All(processed.GetMeasurementSnapshot(), m => Assert.Equal("twilio", m.Tags["provider"]));
    }

    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task An_international_sms_is_sent_and_only_a_final_receipt_moves_it_on(DatabaseProvider provider)
    {
        await using var fakes = await ProviderFakes.StartAsync(TwilioTests.FakeOptions);
        fakes.Twilio.Behaviour = fakes.Twilio.Behaviour with { SendReceipts = false };
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var herald = await StartHeraldAsync(database, fakes);
        var service = await herald.CreateReadyServiceAsync(service: new { name = "Abroad", allow_international_sms = true });

        var abroad = (await herald.SendSmsAsync(service, "+33 6 12 34 56 78")).GetProperty("id").GetString()!;
        var home = (await herald.SendSmsAsync(service, "07700900123")).GetProperty("id").GetString()!;

        await herald.WaitForStatusAsync(service.Key, abroad, "sent");
        await herald.WaitForStatusAsync(service.Key, home, "sending");
        var statuses = herald.Services.GetRequiredService<NotificationStatusUpdater>();
        var at = new DateTime(2030, 1, 2, 3, 4, 5, DateTimeKind.Utc);
        Assert.False(await statuses.ApplyAsync(Guid.Parse(abroad), "sending", at, CancellationToken.None));
        Assert.Equal("sent", await StatusAsync(herald, service, abroad));
        Assert.True(await statuses.ApplyAsync(Guid.Parse(abroad), "delivered", at, CancellationToken.None));
        Assert.Equal("delivered", await StatusAsync(herald, service, abroad));
    }

    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task Duplicate_status_callbacks_change_nothing(DatabaseProvider provider)
    {
        await using var fakes = await ProviderFakes.StartAsync(TwilioTests.FakeOptions);
        fakes.Twilio.Behaviour = fakes.Twilio.Behaviour with { ReceiptCopies = 3 };
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var herald = await StartHeraldAsync(database, fakes, new() { ["AllowPrivateTargets"] = "true", ["AllowHttpCallbacks"] = "true" });
        var service = await herald.CreateReadyServiceAsync();

        // Nothing listens there: the service callback stays queued, so it can be counted.
        await herald.SetCallbackAsync(service.Id, "delivery_status", "http://127.0.0.1:9/cb");

        var id = (await herald.SendSmsAsync(service, "07700900123")).GetProperty("id").GetString()!;

        await herald.WaitForStatusAsync(service.Key, id, "delivered");
        var completedAt = await CompletedAtAsync(herald, service, id);
        var receipts = await AllReceiptsSentAsync(fakes.Twilio, 6);
        Assert.Equal(["sent", "sent", "sent", "delivered", "delivered", "delivered"], receipts.Select(r => r.Status));
        Assert.All(receipts, r => Assert.Equal(204, r.StatusCode));
        await ReceiptsProcessedAsync(herald);
        Assert.Equal("delivered", await StatusAsync(herald, service, id));
        Assert.Equal(completedAt, await CompletedAtAsync(herald, service, id));
        Assert.Equal(1, await TwilioTests.QueueCountAsync(herald, "callbacks.deliver", id));
    }

    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task Reordered_status_callbacks_end_delivered(DatabaseProvider provider)
    {
        await using var fakes = await ProviderFakes.StartAsync(TwilioTests.FakeOptions);
        fakes.Twilio.Behaviour = fakes.Twilio.Behaviour with { ReorderReceipts = true };
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var herald = await StartHeraldAsync(database, fakes);
        var service = await herald.CreateReadyServiceAsync();

        var id = (await herald.SendSmsAsync(service, "07700900123")).GetProperty("id").GetString()!;

        var receipts = await AllReceiptsSentAsync(fakes.Twilio, 2);
        Assert.Equal(["delivered", "sent"], receipts.Select(r => r.Status));
        Assert.All(receipts, r => Assert.Equal(204, r.StatusCode));
        await herald.WaitForStatusAsync(service.Key, id, "delivered");
        await ReceiptsProcessedAsync(herald);
        Assert.Equal("delivered", await StatusAsync(herald, service, id));
    }

    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task A_failure_status_for_a_recipient_ends_permanent_failure(DatabaseProvider provider)
    {
        await using var fakes = await ProviderFakes.StartAsync(TwilioTests.FakeOptions);
        fakes.Twilio.Behaviour = fakes.Twilio.Behaviour with { FinalStatuses = new Dictionary<string, string> { ["+447700900111"] = "undelivered" } };
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var herald = await StartHeraldAsync(database, fakes);
        var service = await herald.CreateReadyServiceAsync();

        var unreachable = (await herald.SendSmsAsync(service, "07700900111")).GetProperty("id").GetString()!;
        var reachable = (await herald.SendSmsAsync(service, "07700900222")).GetProperty("id").GetString()!;

        await herald.WaitForStatusAsync(service.Key, unreachable, "permanent-failure");
        await herald.WaitForStatusAsync(service.Key, reachable, "delivered");
    }

    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task A_429_from_twilio_is_retried_and_then_succeeds(DatabaseProvider provider)
    {
        await using var fakes = await ProviderFakes.StartAsync(TwilioTests.FakeOptions);
        fakes.Twilio.FailNext(1, 429);
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var herald = await StartHeraldAsync(database, fakes);
        var service = await herald.CreateReadyServiceAsync();

        var id = (await herald.SendSmsAsync(service, "07700900123")).GetProperty("id").GetString()!;

        await herald.WaitForStatusAsync(service.Key, id, "delivered");
        Assert.Equal([429, 201], fakes.Twilio.Requests.Select(r => r.StatusCode));
        Assert.Single(fakes.Twilio.Messages);
    }

    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task Receipts_for_unknown_references_break_nothing(DatabaseProvider provider)
    {
        await using var fakes = await ProviderFakes.StartAsync(TwilioTests.FakeOptions);
        fakes.Twilio.Behaviour = fakes.Twilio.Behaviour with { UnknownReferenceReceipts = true };
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var herald = await StartHeraldAsync(database, fakes);
        var service = await herald.CreateReadyServiceAsync();

        var first = (await herald.SendSmsAsync(service, "07700900123")).GetProperty("id").GetString()!;
        await herald.WaitForStatusAsync(service.Key, first, "delivered");
        var second = (await herald.SendSmsAsync(service, "07700900124")).GetProperty("id").GetString()!;
        await herald.WaitForStatusAsync(service.Key, second, "delivered");

        var receipts = await AllReceiptsSentAsync(fakes.Twilio, 6);
        Assert.All(receipts, r => Assert.Equal(204, r.StatusCode));
        var unknown = receipts.Where(r => r.UnknownReference).Select(r => r.Reference).ToList();
        Assert.Equal(2, unknown.Count);

        // Each stray receipt waits for a notification that may not be committed yet: it is retried, not dropped or dead.
        await Eventually.TrueAsync(async () =>
        {
            await using var context = herald.Services.GetRequiredService<HeraldDatabase>().CreateContext();
            var items = context.QueueItems.Where(i => i.Kind == "receipts.process" && unknown.Contains(i.Reference!)).ToList();
            return items.Count == 2 && items.All(i => i.State == QueueItemState.Pending && i.Attempts >= 1 && i.LastError?.Contains("no notification has twilio reference", StringComparison.Ordinal) == true);
        }, "stray receipts kept for retry");
    }

    private static Task<HeraldApp> StartHeraldAsync(TestDatabase database, ProviderFakes fakes, Dictionary<string, string?>? extra = null)
    {
        var url = LoopbackUrl.Free();
        var settings = TwilioTests.Settings(fakes.BaseUrl);
        settings["Urls"] = url;
        settings["Providers:Twilio:PublicUrl"] = url;

        // A receipt that beats Herald's own commit of the provider reference is retried soon.
        settings["Queue:Backoff:receipts.process"] = "1s,5*5m";
        foreach (var (key, value) in extra ?? [])
        {
            settings[key] = value;
        }

        return HeraldApp.StartAsync(database, settings: settings);
    }

    private static async Task<IReadOnlyList<FakeReceipt>> AllReceiptsSentAsync(ProviderFake fake, int count)
    {
        await Eventually.TrueAsync(() => Task.FromResult(fake.PendingReceipts == 0 && fake.Receipts.Count == count), $"{count} receipts sent");
        return fake.Receipts;
    }

    private static Task ReceiptsProcessedAsync(HeraldApp herald) =>
        Eventually.TrueAsync(async () => await TwilioTests.QueueCountAsync(herald, "receipts.process") == 0, "receipts processed");

    private static async Task<string> StatusAsync(HeraldApp herald, TestService service, string id) =>
        (await HeraldApp.ExpectAsync(await herald.GetAsync(service.Key, $"/v2/notifications/{id}"), 200)).GetProperty("status").GetString()!;

    private static async Task<string?> CompletedAtAsync(HeraldApp herald, TestService service, string id) =>
        (await HeraldApp.ExpectAsync(await herald.GetAsync(service.Key, $"/v2/notifications/{id}"), 200)).GetProperty("completed_at").GetString();
}
