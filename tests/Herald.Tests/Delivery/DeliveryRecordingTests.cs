using Herald.Storage;
using Herald.Tests.Fixtures;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;
using Herald.Notifications;
using Herald.Queue;

namespace Herald.Tests.Delivery;

public sealed class DeliveryRecordingTests
{
    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task A_burst_of_emails_goes_out_once_each_through_the_smtp_pool_and_each_is_delivered(DatabaseProvider provider)
    {
        await using var smtp = await SmtpServer.StartAsync();
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var herald = await HeraldApp.StartAsync(database, settings: new Dictionary<string, string?>
        {
            ["Delivery:EmailProvider"] = "smtp",
            ["Providers:Smtp:Host"] = "127.0.0.1",
            ["Providers:Smtp:Port"] = smtp.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Providers:Smtp:Security"] = "None",
            ["Providers:Smtp:PoolSize"] = "3",
        });
        var service = await herald.CreateReadyServiceAsync(service: new { name = "Clinic", email_from = "hello@clinic.example" });

        var ids = await Task.WhenAll(Enumerable.Range(0, 60).Select(async i =>
            (await herald.SendEmailAsync(service, $"reader{i}@example.com", new { name = $"Reader {i}", code = $"{i}" })).GetProperty("id").GetString()!));

        var heraldDatabase = herald.Services.GetRequiredService<HeraldDatabase>();
        await Eventually.TrueAsync(async () =>
        {
            await using var context = heraldDatabase.CreateContext();
            return await context.Notifications.CountAsync(n => n.Status == "delivered") == ids.Length;
        }, "every email is delivered");
        Assert.Equal(ids.Select(id => $"{id}@clinic.example").Order(), smtp.Messages().Select(m => m.MessageId).Order());
        foreach (var message in smtp.Messages())
        {
            // Each message carries its own notification's content, not a neighbour's from the same group.
            var to = ((MailboxAddress)message.To.Single()).Address;
            var index = to["reader".Length..to.IndexOf('@', StringComparison.Ordinal)];
            Assert.Equal($"Code for Reader {index}", message.Subject);
        }

        await using var read = heraldDatabase.CreateContext();

        // Each delivery's queue item ended in the commit that recorded its send, not later.
        Assert.Equal(0, await read.QueueItems.CountAsync(q => q.Kind == Herald.Notifications.DeliveryItem.EmailKind));
        var rows = await read.Notifications.AsNoTracking().ToListAsync();
        Assert.All(rows, n =>
        {
            Assert.Equal("smtp", n.ProviderName);
            Assert.Equal($"{n.Id}@clinic.example", n.ProviderReference);
            Assert.NotNull(n.SentAt);
            Assert.NotNull(n.CompletedAt);
        });
    }

    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task Recording_a_send_never_overwrites_a_final_status(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var herald = await HeraldApp.StartAsync(database);
        var service = await herald.CreateReadyServiceAsync();
        var delivered = (await herald.SendEmailAsync(service, "ada@example.com")).GetProperty("id").GetString()!;
        var reopened = (await herald.SendEmailAsync(service, "grace@example.com")).GetProperty("id").GetString()!;
        await herald.WaitForStatusAsync(service.Key, delivered, "delivered");
        await herald.WaitForStatusAsync(service.Key, reopened, "delivered");
        var statuses = herald.Services.GetRequiredService<NotificationStatusUpdater>();
        var heraldDatabase = herald.Services.GetRequiredService<HeraldDatabase>();

        // A late or repeated record of a send beside one that still applies (possibly in one group).
        await using (var context = heraldDatabase.CreateContext())
        {
            var reopenedId = Guid.Parse(reopened);
            await context.Notifications.Where(n => n.Id == reopenedId).ExecuteUpdateAsync(s => s.SetProperty(n => n.Status, "created"));
        }

        var at = new DateTime(2030, 1, 2, 3, 4, 5, DateTimeKind.Utc);
        var results = await Task.WhenAll(
            statuses.RecordSentAsync(new SentNotification(Guid.Parse(delivered), service.Id, "other", "other-ref", at, at)),
            statuses.RecordSentAsync(new SentNotification(Guid.Parse(reopened), service.Id, "other", "other-ref-2", at, null)));

        Assert.Equal([false, true], results);
        await using var read = heraldDatabase.CreateContext();
        var kept = await read.Notifications.AsNoTracking().SingleAsync(n => n.Id == Guid.Parse(delivered));
        Assert.Equal("delivered", kept.Status);
        Assert.Equal("capture", kept.ProviderName);
        Assert.NotEqual(at, kept.CompletedAt);
        var moved = await read.Notifications.AsNoTracking().SingleAsync(n => n.Id == Guid.Parse(reopened));
        Assert.Equal("sending", moved.Status);
        Assert.Equal("other", moved.ProviderName);
        Assert.Equal("other-ref-2", moved.ProviderReference);
        Assert.Equal(at, moved.SentAt);
    }
}
