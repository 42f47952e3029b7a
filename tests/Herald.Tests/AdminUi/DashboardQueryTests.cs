using Herald.AdminUi.Dashboard;
using Herald.Notifications;
using Herald.Services;
using Herald.Storage;
using Herald.Templates;
using Herald.Tests.Fixtures;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Herald.Tests.AdminUi;

/// <summary>The dashboard's counts: each notification in the UTC day it was created, the last seven days only.</summary>
public sealed class DashboardQueryTests
{
    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task Notifications_count_in_the_utc_day_they_were_created_and_older_ones_not_at_all(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var app = await HeraldApp.StartAsync(database);
        var service = await app.CreateReadyServiceAsync();
        var today = new DateTime(2026, 12, 4, 0, 0, 0, DateTimeKind.Utc);
        var clock = new FakeTimeProvider(new DateTimeOffset(today.AddHours(15)));
        var seeded = new (DateTime CreatedAt, TemplateType Type, string Status)[]
        {
            (today.AddDays(-7).AddTicks(-1), TemplateType.Email, NotificationStatus.Delivered), // eight days ago: not shown
            (today.AddDays(-6), TemplateType.Email, NotificationStatus.Delivered),               // the first day's first moment
            (today.AddDays(-5).AddTicks(-1), TemplateType.Email, NotificationStatus.PermanentFailure), // the first day's last
            (today.AddDays(-5), TemplateType.Sms, NotificationStatus.Sending),
            (today.AddHours(-1), TemplateType.Sms, NotificationStatus.Delivered),
            (today, TemplateType.Sms, NotificationStatus.TechnicalFailure),
            (today.AddHours(14), TemplateType.Sms, NotificationStatus.Delivered),
        };
        await using (var context = app.Services.GetRequiredService<HeraldDatabase>().CreateContext())
        {
            context.Notifications.AddRange(seeded.Select((n, i) => new NotificationRecord
            {
                Id = Guid.NewGuid(), ServiceId = service.Id, TemplateId = service.SmsTemplateId, TemplateVersion = 1, KeyType = KeyType.Normal,
                Type = n.Type, To = $"to{i}", NormalisedTo = $"to{i}", Status = n.Status, Body = "b", CreatedAt = n.CreatedAt,
            }));
            await context.SaveChangesAsync();
        }

        var figures = await new DashboardQuery(app.Services.GetRequiredService<HeraldDatabase>(), clock).LoadAsync(CancellationToken.None);

        Assert.Equal(Enumerable.Range(-6, 7).Select(d => DateOnly.FromDateTime(today.AddDays(d))), figures.Days);
        var shown = Assert.Single(figures.Services, s => s.ServiceId == service.Id);
        var first = DateOnly.FromDateTime(today.AddDays(-6));
        Assert.Equal(1, shown.Count(TemplateType.Email, StatusGroup.Delivered, first));
        Assert.Equal(1, shown.Count(TemplateType.Email, StatusGroup.Failed, first));
        Assert.Equal(2, shown.Total(TemplateType.Email));
        Assert.Equal(1, shown.Count(TemplateType.Sms, StatusGroup.InProgress, first.AddDays(1)));
        Assert.Equal(1, shown.Count(TemplateType.Sms, StatusGroup.Delivered, DateOnly.FromDateTime(today.AddDays(-1))));
        Assert.Equal(1, shown.Count(TemplateType.Sms, StatusGroup.Delivered, DateOnly.FromDateTime(today)));
        Assert.Equal(1, shown.Count(TemplateType.Sms, StatusGroup.Failed, DateOnly.FromDateTime(today)));
        Assert.Equal(4, shown.Total(TemplateType.Sms));
    }
}
