using System.Diagnostics.Metrics;
using Herald.Callbacks;
using Herald.Delivery;
using Herald.Notifications;
using Herald.Queue;
using Herald.Storage;
using Herald.Tests.Fixtures;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using Microsoft.Extensions.Time.Testing;
using Herald.Settings;

namespace Herald.Tests.Api;

public sealed class StuckNotificationTests
{
    // Callbacks are only queued here (an API process delivers none): any loopback URL will do.
    private static readonly Dictionary<string, string?> LocalCallbacks = new() { ["AllowPrivateTargets"] = "true", ["AllowHttpCallbacks"] = "true" };

    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task Sending_for_more_than_three_days_becomes_temporary_failure(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 7, 10, 12, 0, 0, TimeSpan.Zero));
        await using var herald = await HeraldApp.StartAsync(database, clock, HeraldRole.Api, LocalCallbacks);
        var service = await herald.CreateReadyServiceAsync();
        await herald.SetCallbackAsync(service.Id, "delivery_status", "http://127.0.0.1:9/herald");
        using var timedOut = new MetricCollector<long>(herald.Services.GetRequiredService<IMeterFactory>(), NotificationMetrics.MeterName, "herald.notifications.timed_out");
        var old = Guid.Parse((await herald.SendSmsAsync(service, "07700900123")).GetProperty("id").GetString()!);
        var recent = Guid.Parse((await herald.SendSmsAsync(service, "07700900123")).GetProperty("id").GetString()!);
        var delivered = Guid.Parse((await herald.SendSmsAsync(service, "07700900123")).GetProperty("id").GetString()!);
        var now = clock.GetUtcNow().UtcDateTime;
        await SetAsync(herald, old, NotificationStatus.Sending, now - TimeSpan.FromDays(3) - TimeSpan.FromMinutes(1));
        await SetAsync(herald, recent, NotificationStatus.Pending, now - TimeSpan.FromDays(2));
        await SetAsync(herald, delivered, NotificationStatus.Delivered, now - TimeSpan.FromDays(5));

        await RunStuckChecksAsync(herald, clock);

        Assert.Equal(NotificationStatus.TemporaryFailure, await StatusAsync(herald, old));
        Assert.Equal(NotificationStatus.Pending, await StatusAsync(herald, recent));
        Assert.Equal(NotificationStatus.Delivered, await StatusAsync(herald, delivered));
        var read = await HeraldApp.ExpectAsync(await herald.GetAsync(service.Key, $"/v2/notifications/{old}"), 200);
        Assert.NotEqual(System.Text.Json.JsonValueKind.Null, read.GetProperty("completed_at").ValueKind);

        // A final status like any other: the service hears of it; and an alert to graph.
        Assert.Equal([old.ToString()], await CallbacksQueuedAsync(herald));
        Assert.Equal(1, Assert.Single(timedOut.GetMeasurementSnapshot()).Value);
        Assert.Equal("sms", Assert.Single(timedOut.GetMeasurementSnapshot()).Tags["type"]);
    }

    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task A_backlog_larger_than_one_transaction_is_worked_through_in_one_run(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 7, 10, 12, 0, 0, TimeSpan.Zero));
        await using var herald = await HeraldApp.StartAsync(database, clock, HeraldRole.Api, LocalCallbacks);
        var service = await herald.CreateReadyServiceAsync();
        await herald.SetCallbackAsync(service.Id, "delivery_status", "http://127.0.0.1:9/herald");
        for (var i = 0; i < 12; i++)
        {
            await herald.SendSmsAsync(service, "07700900123");
        }

        var longAgo = clock.GetUtcNow().UtcDateTime - TimeSpan.FromDays(4);
        await using (var context = herald.Services.GetRequiredService<HeraldDatabase>().CreateContext())
        {
            await context.Notifications.ExecuteUpdateAsync(s => s.SetProperty(n => n.Status, NotificationStatus.Sending).SetProperty(n => n.SentAt, longAgo));
        }

        await RunStuckChecksAsync(herald, clock, chunkSize: 5);

        await using var check = herald.Services.GetRequiredService<HeraldDatabase>().CreateContext();
        Assert.Equal(12, await check.Notifications.CountAsync(n => n.Status == NotificationStatus.TemporaryFailure));
        Assert.Equal(12, (await CallbacksQueuedAsync(herald)).Count);
    }

    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task A_notification_created_an_hour_ago_with_no_delivery_queued_is_queued_again_once(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 7, 10, 12, 0, 0, TimeSpan.Zero));
        await using var herald = await HeraldApp.StartAsync(database, clock, HeraldRole.Api);
        using var requeued = new MetricCollector<long>(herald.Services.GetRequiredService<IMeterFactory>(), NotificationMetrics.MeterName, "herald.notifications.requeued");
        var service = await herald.CreateReadyServiceAsync();
        var orphan = Guid.Parse((await herald.SendSmsAsync(service, "07700900123")).GetProperty("id").GetString()!);
        var waiting = Guid.Parse((await herald.SendEmailAsync(service, "ada@example.com")).GetProperty("id").GetString()!);
        var young = Guid.Parse((await herald.SendSmsAsync(service, "07700900124")).GetProperty("id").GetString()!);
        var dead = Guid.Parse((await herald.SendSmsAsync(service, "07700900125")).GetProperty("id").GetString()!);
        await using (var context = herald.Services.GetRequiredService<HeraldDatabase>().CreateContext())
        {
            string[] lost = [orphan.ToString(), young.ToString()];
            await context.QueueItems.Where(q => lost.Contains(q.Reference!)).ExecuteDeleteAsync();
            await context.QueueItems.Where(q => q.Reference == dead.ToString()).ExecuteUpdateAsync(s => s.SetProperty(q => q.State, QueueItemState.Dead));
            var hourAgo = clock.GetUtcNow().UtcDateTime - TimeSpan.FromMinutes(61);
            Guid[] old = [orphan, waiting, dead];
            await context.Notifications.Where(n => old.Contains(n.Id)).ExecuteUpdateAsync(s => s.SetProperty(n => n.CreatedAt, hourAgo));
        }

        await RunStuckChecksAsync(herald, clock);
        await RunStuckChecksAsync(herald, clock);

        Assert.Equal([DeliveryItem.SmsKind], await DeliveriesQueuedAsync(herald, orphan));
        Assert.Equal([DeliveryItem.EmailKind], await DeliveriesQueuedAsync(herald, waiting));
        Assert.Empty(await DeliveriesQueuedAsync(herald, young));
        Assert.Empty(await DeliveriesQueuedAsync(herald, dead)); // its dead item is the operator's to replay
        Assert.Equal(1, requeued.GetMeasurementSnapshot().Sum(m => m.Value));
    }

    private static async Task<List<string>> DeliveriesQueuedAsync(HeraldApp herald, Guid id)
    {
        await using var context = herald.Services.GetRequiredService<HeraldDatabase>().CreateContext();
        return await context.QueueItems.Where(q => q.Reference == id.ToString() && q.State == QueueItemState.Pending).Select(q => q.Kind).ToListAsync();
    }

    private static async Task<List<string>> CallbacksQueuedAsync(HeraldApp herald)
    {
        await using var context = herald.Services.GetRequiredService<HeraldDatabase>().CreateContext();
        return await context.QueueItems.Where(q => q.Kind == CallbackSender.KindName).Select(q => q.Payload).ToListAsync();
    }

    /// <summary>One run of the periodic task, as the queue would start it.</summary>
    private static async Task RunStuckChecksAsync(HeraldApp herald, TimeProvider clock, int? chunkSize = null)
    {
        var handler = herald.Services.GetServices<IQueueHandler>().OfType<StuckNotificationsHandler>().Single();
        if (chunkSize is { } size)
        {
            handler.ChunkSize = size;
        }

        await handler.HandleAsync(new QueueItem(1, StuckNotificationsHandler.KindName, "{}", 1, 0, null, clock.GetUtcNow()), CancellationToken.None);
    }

    private static async Task SetAsync(HeraldApp herald, Guid id, string status, DateTime sentAt)
    {
        await using var context = herald.Services.GetRequiredService<HeraldDatabase>().CreateContext();
        await context.Notifications.Where(n => n.Id == id).ExecuteUpdateAsync(s => s.SetProperty(n => n.Status, status).SetProperty(n => n.SentAt, sentAt));
    }

    private static async Task<string> StatusAsync(HeraldApp herald, Guid id)
    {
        await using var context = herald.Services.GetRequiredService<HeraldDatabase>().CreateContext();
        return await context.Notifications.Where(n => n.Id == id).Select(n => n.Status).SingleAsync();
    }
}
