using Herald.AdminUi.Dashboard;
using Herald.AdminUi.Messages;
using Herald.Fakes;
using Herald.Notifications;
using Herald.Services;
using Herald.Storage;
using Herald.Templates;
using Herald.Tests.Fixtures;
using Herald.Tests.Providers;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Herald.Tests.AdminUi;

/// <summary>What the message log and a notification's timeline read.</summary>
[Collection(BrowserCollection.Name)]
public sealed class NotificationTimelineTests(BrowserFixture browser)
{
    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task A_text_message_timeline_shows_its_receipts_and_the_callback_made(DatabaseProvider provider)
    {
        await using var fakes = await ProviderFakes.StartAsync(TwilioTests.FakeOptions);
        await using var receiver = await CallbackReceiver.StartAsync(200);
        await using var database = await TestDatabase.CreateAsync(provider);
        var url = LoopbackUrl.Free();
        var settings = TwilioTests.Settings(fakes.BaseUrl);
        settings["Urls"] = url;
        settings["Providers:Twilio:PublicUrl"] = url;
        settings["Queue:Backoff:receipts.process"] = "1s,5*5m";
        settings["AllowPrivateTargets"] = "true";
        settings["AllowHttpCallbacks"] = "true";
        await using var herald = await HeraldApp.StartAsync(database, settings: settings);
        var service = await herald.CreateReadyServiceAsync();
        await herald.SetCallbackAsync(service.Id, "delivery_status", receiver.Url);

        var id = Guid.Parse((await herald.SendSmsAsync(service, "07700900123", reference: "timeline-1")).GetProperty("id").GetString()!);

        await herald.WaitForStatusAsync(service.Key, id.ToString(), "delivered");
        await Eventually.TrueAsync(() => Task.FromResult(!receiver.Received.IsEmpty), "the delivery status callback");
        var details = herald.Services.GetRequiredService<NotificationDetailQuery>();
        NotificationDetail? detail = null;
        await Eventually.TrueAsync(async () =>
        {
            detail = await details.LoadAsync(id, CancellationToken.None);
            return detail!.Timeline.Any(e => e.Title == "Callback") && detail.Timeline.Count(e => e.Title == "Receipt") == 2;
        }, "the receipts and the callback on the timeline");

        var reference = detail!.Notification.ProviderReference!;
        Assert.Equal(["Accepted", "Sent to twilio", "Receipt", "Receipt", "Delivered", "Callback"], detail.Timeline.Select(e => e.Title));
        var receipts = detail.Timeline.Where(e => e.Title == "Receipt").Select(e => e.Detail).ToList();
        Assert.Equal([$"twilio receipt {reference}: sent → sending", $"twilio receipt {reference}: delivered → delivered"], receipts);
        Assert.Equal("delivery_status callback, try 1: HTTP 200", detail.Timeline[^1].Detail);
        Assert.Equal(service.Name, detail.ServiceName);
        Assert.True(detail.Timeline.Zip(detail.Timeline.Skip(1)).All(p => p.First.At <= p.Second.At));

        await using var tab = await AdminUsers.SignedInAsync(browser, herald, Herald.Admin.Users.AdminRole.Viewer);
        await tab.GoAsync($"/admin/notifications/{id}");
        await Assertions.Expect(tab.Page.Locator("ol.timeline > li")).ToHaveCountAsync(6);
        await Assertions.Expect(tab.Page.Locator("ol.timeline > li").Last).ToContainTextAsync("HTTP 200");
        await tab.AssertAccessibleAsync();
        await tab.ScreenshotAsync("notification-timeline-receipts");
    }

    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task The_log_pages_through_rows_created_at_the_same_moment_without_losing_or_repeating_one(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var herald = await HeraldApp.StartAsync(database);
        var service = await herald.CreateReadyServiceAsync();
        var moments = new[] { new DateTime(2026, 11, 30, 9, 0, 0, DateTimeKind.Utc), new DateTime(2026, 11, 30, 9, 0, 0, 1, DateTimeKind.Utc), new DateTime(2026, 12, 1, 17, 30, 0, DateTimeKind.Utc) };
        var seeded = new List<NotificationRecord>();
        for (var i = 0; i < 130; i++)
        {
            seeded.Add(new NotificationRecord
            {
                Id = Guid.NewGuid(), ServiceId = service.Id, TemplateId = service.SmsTemplateId, TemplateVersion = 1, KeyType = KeyType.Normal,
                Type = i % 3 == 0 ? TemplateType.Email : TemplateType.Sms, To = $"user{i}@example.com", NormalisedTo = $"user{i}@example.com",
                Status = i % 5 == 0 ? NotificationStatus.TechnicalFailure : NotificationStatus.Delivered, Body = "Hello", CreatedAt = moments[i % moments.Length],
            });
        }

        await using (var context = herald.Services.GetRequiredService<HeraldDatabase>().CreateContext())
        {
            context.Notifications.AddRange(seeded);
            await context.SaveChangesAsync();
        }

        var log = herald.Services.GetRequiredService<MessageLogQuery>();
        foreach (var filter in new[] { new MessageLogFilter(service.Id, null, null, null), new MessageLogFilter(service.Id, TemplateType.Sms, StatusGroup.Delivered, null) })
        {
            var expected = seeded.Where(n => filter.Channel is null || (n.Type == filter.Channel && StatusGroups.Of(n.Status) == filter.Status))
                .OrderByDescending(n => n.CreatedAt).ThenByDescending(n => n.Id).Select(n => n.Id).ToList();
            var seen = new List<Guid>();
            var page = await log.PageAsync(filter, CancellationToken.None);
            seen.AddRange(page.Rows.Select(r => r.Id));
            while (page.Older is { } older)
            {
                Assert.Equal(MessageLogQuery.PageSize, page.Rows.Count);
                page = await log.PageAsync(filter with { Before = MessageLogCursor.Parse(older.ToString()) }, CancellationToken.None);
                seen.AddRange(page.Rows.Select(r => r.Id));
            }

            Assert.Equal(expected, seen);
        }
    }
}
