using Herald.Delivery;
using Herald.Notifications;
using Herald.Services;
using Herald.Storage;
using Herald.Templates;
using Herald.Tests.Fixtures;
using Microsoft.EntityFrameworkCore;

namespace Herald.Tests.Delivery;

public sealed class NotificationBatchReaderTests
{
    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task Reads_each_named_notification_as_EF_Core_does_in_the_order_asked_with_null_for_none(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var queue = await QueueHarness.CreateAsync(database);
        var created = new DateTime(2026, 11, 29, 21, 15, 30, DateTimeKind.Utc).AddTicks(1234567);
        var full = new NotificationRecord
        {
            Id = Guid.NewGuid(), ServiceId = Guid.NewGuid(), TemplateId = Guid.NewGuid(), TemplateVersion = 3, ApiKeyId = Guid.NewGuid(),
            KeyType = KeyType.Team, Type = TemplateType.Email, To = "Ada@Example.com", NormalisedTo = "ada@example.com", Reference = "ref-1",
            Status = NotificationStatus.Sending, Body = "Dear Ada,\n\nyour code", Subject = "Your code", Personalisation = "{\"name\":\"Ada\"}",
            OneClickUnsubscribeUrl = "https://clinic.example/unsubscribe/1", International = true, BillableUnits = 2, ProviderName = "smtp",
            ProviderReference = "abc@clinic.example", CreatedAt = created, SentAt = created.AddSeconds(1), CompletedAt = created.AddSeconds(2),
        };
        var bare = new NotificationRecord
        {
            Id = Guid.NewGuid(), ServiceId = Guid.NewGuid(), TemplateId = Guid.NewGuid(), TemplateVersion = 1, ApiKeyId = Guid.NewGuid(),
            KeyType = KeyType.Normal, Type = TemplateType.Sms, To = "07700 900123", NormalisedTo = "447700900123",
            Status = NotificationStatus.Created, Body = "Clinic: your code", CreatedAt = created,
        };
        await using (var context = queue.Database.CreateContext())
        {
            context.Notifications.AddRange(full, bare);
            await context.SaveChangesAsync();
        }

        var missing = Guid.NewGuid();
        var read = await NotificationBatchReader.ReadAsync(queue.Database, [bare.Id, missing, full.Id], CancellationToken.None);

        await using var efContext = queue.Database.CreateContext();
        var expected = await efContext.Notifications.AsNoTracking().ToDictionaryAsync(n => n.Id);
        Assert.Equal(3, read.Count);
        Assert.Null(read[1]);
        Assert.Equivalent(expected[bare.Id], read[0], strict: true);
        Assert.Equivalent(expected[full.Id], read[2], strict: true);
        Assert.Equal(expected[full.Id].CreatedAt.Kind, read[2]!.CreatedAt.Kind);
        Assert.Equal("Dear Ada,\n\nyour code", read[2]!.Body);
    }
}
