using Herald.Queue;
using Herald.Receipts;
using Herald.Storage;
using Herald.Tests.Fixtures;
using Herald.Tests.Providers;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using Herald.Settings;
using Herald.Notifications;

namespace Herald.Tests.Receipts;

/// <summary>The receipt handler on its own, on a fake clock: unknown references, duplicates.</summary>
public sealed class ReceiptProcessorTests
{
    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task An_unknown_reference_is_retried_for_five_minutes_then_dropped_with_a_warning(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 7, 10, 12, 0, 0, TimeSpan.Zero));
        var logs = new CapturedLogs();
        await using var herald = await HeraldApp.StartAsync(database, clock, HeraldRole.Api, TwilioTests.Settings("http://127.0.0.1:9"), logs: logs);
        var processor = Processor(herald);
        var receipt = new ProviderReceipt("twilio", "SM-nobody-knows", "delivered", clock.GetUtcNow());

        // It may have beaten our own commit: an exception, so the queue tries it again.
        clock.Advance(TimeSpan.FromMinutes(4));
        await Assert.ThrowsAsync<InvalidOperationException>(() => processor.HandleAsync(Item(receipt, clock), CancellationToken.None));
        Assert.DoesNotContain(logs.Entries, e => e.Line.Contains("SM-nobody-knows", StringComparison.Ordinal));

        clock.Advance(TimeSpan.FromMinutes(1));
        var result = await processor.HandleAsync(Item(receipt, clock), CancellationToken.None);

        Assert.False(result.IsPermanentFailure);
        Assert.Contains(logs.Entries, e => e.Level == LogLevel.Warning && e.Line.Contains("SM-nobody-knows", StringComparison.Ordinal) && e.Line.Contains("dropped", StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task A_duplicate_receipt_is_logged_at_info_and_changes_nothing(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 7, 10, 12, 0, 0, TimeSpan.Zero));
        var logs = new CapturedLogs();
        var settings = TwilioTests.Settings("http://127.0.0.1:9");
        settings["Logging:LogLevel:Herald.Notifications"] = "Information";
        await using var herald = await HeraldApp.StartAsync(database, clock, HeraldRole.Api, settings, logs: logs);
        var service = await herald.CreateReadyServiceAsync();
        var id = Guid.Parse((await herald.SendSmsAsync(service, "07700900123")).GetProperty("id").GetString()!);
        await using (var context = herald.Services.GetRequiredService<HeraldDatabase>().CreateContext())
        {
            await context.Notifications.Where(n => n.Id == id).ExecuteUpdateAsync(s => s
                .SetProperty(n => n.Status, "sending").SetProperty(n => n.ProviderName, "twilio").SetProperty(n => n.ProviderReference, "SM-1"));
        }

        var processor = Processor(herald);
        await processor.HandleAsync(Item(new ProviderReceipt("twilio", "SM-1", "delivered", clock.GetUtcNow()), clock), CancellationToken.None);
        var completedAt = await CompletedAtAsync(herald, id);
        clock.Advance(TimeSpan.FromMinutes(1));
        await processor.HandleAsync(Item(new ProviderReceipt("twilio", "SM-1", "undelivered", clock.GetUtcNow()), clock), CancellationToken.None);

        await using var read = herald.Services.GetRequiredService<HeraldDatabase>().CreateContext();
        Assert.Equal("delivered", await read.Notifications.Where(n => n.Id == id).Select(n => n.Status).SingleAsync());
        Assert.Equal(completedAt, await CompletedAtAsync(herald, id));
        Assert.Contains(logs.Entries, e => e.Level == LogLevel.Information && e.Line.Contains($"{id}", StringComparison.Ordinal) && e.Line.Contains("ignored", StringComparison.Ordinal));
    }

    private static ReceiptProcessor Processor(HeraldApp herald) =>
        herald.Services.GetServices<IQueueHandler>().OfType<ReceiptProcessor>().Single();

    private static QueueItem Item(ProviderReceipt receipt, TimeProvider clock) =>
        new(1, ReceiptProcessor.KindName, ReceiptProcessor.Item(receipt).Payload, 1, 0, receipt.Reference, clock.GetUtcNow());

    private static async Task<DateTime?> CompletedAtAsync(HeraldApp herald, Guid id)
    {
        await using var context = herald.Services.GetRequiredService<HeraldDatabase>().CreateContext();
        return await context.Notifications.Where(n => n.Id == id).Select(n => n.CompletedAt).SingleAsync();
    }
}
