using System.Net.Http.Json;
using Herald.AdminUi.Dashboard;
using Herald.Facts;
using Herald.Notifications;
using Herald.Retention;
using Herald.Services;
using Herald.Storage;
using Herald.Templates;
using Herald.Tests.Fixtures;
using Microsoft.EntityFrameworkCore;
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

    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task Days_the_facts_counted_are_read_from_them_and_archived_notifications_still_count(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var app = await HeraldApp.StartAsync(database);
        var service = await app.CreateReadyServiceAsync();
        await HeraldApp.ExpectAsync(await app.Admin.PutAsJsonAsync($"/admin/api/services/{service.Id}/retention/email", new { days = 3 }), 200);
        var clock = TimeProvider.System;
        var today = clock.GetUtcNow().UtcDateTime.Date;
        var (old, recent) = (today.AddDays(-5).AddHours(10), today.AddDays(-1).AddHours(10));
        await using (var context = app.Services.GetRequiredService<HeraldDatabase>().CreateContext())
        {
            context.Notifications.AddRange(
                Row(service, old, NotificationStatus.Delivered), Row(service, old, NotificationStatus.Delivered), Row(service, recent, NotificationStatus.Sending));
            await context.SaveChangesAsync();
        }

        // Yesterday's facts say sending; the row has since been delivered, which the facts show only once rebuilt.
        await app.Services.GetRequiredService<FactsBuilder>().RebuildAsync(DateOnly.FromDateTime(recent), CancellationToken.None);
        await using (var context = app.Services.GetRequiredService<HeraldDatabase>().CreateContext())
        {
            await context.Notifications.Where(n => n.CreatedAt == recent).ExecuteUpdateAsync(u => u.SetProperty(n => n.Status, NotificationStatus.Delivered));
        }

        Assert.Equal(2, await app.Services.GetRequiredService<NotificationArchiver>().ArchiveAsync(CancellationToken.None));
        var figures = await new DashboardQuery(app.Services.GetRequiredService<HeraldDatabase>(), clock).LoadAsync(CancellationToken.None);

        var shown = Assert.Single(figures.Services, s => s.ServiceId == service.Id);
        Assert.Equal(2, shown.Count(TemplateType.Email, StatusGroup.Delivered, DateOnly.FromDateTime(old)));
        Assert.Equal(1, shown.Count(TemplateType.Email, StatusGroup.InProgress, DateOnly.FromDateTime(recent)));
        Assert.Equal(0, shown.Count(TemplateType.Email, StatusGroup.Delivered, DateOnly.FromDateTime(recent)));
    }

    private static NotificationRecord Row(TestService service, DateTime createdAt, string status) => new()
    {
        Id = Guid.NewGuid(), ServiceId = service.Id, TemplateId = service.EmailTemplateId, TemplateVersion = 1, KeyType = KeyType.Normal,
        Type = TemplateType.Email, To = "to", NormalisedTo = "to", Status = status, Body = "b", CreatedAt = createdAt,
    };
}
