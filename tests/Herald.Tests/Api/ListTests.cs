using Herald.Notifications;
using Herald.Storage;
using Herald.Tests.Fixtures;
using Microsoft.EntityFrameworkCore;
using Herald.Settings;

namespace Herald.Tests.Api;

public sealed class ListTests
{
    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task Notifications_are_listed_newest_first_with_filters(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var herald = await HeraldApp.StartAsync(database, role: Herald.Settings.HeraldRole.Api);
        var service = await herald.CreateReadyServiceAsync();
        var first = (await herald.SendEmailAsync(service, "a@example.com", reference: "r1")).GetProperty("id").GetString();
        var second = (await herald.SendSmsAsync(service, "07700900123", reference: "r2")).GetProperty("id").GetString();
        var third = (await herald.SendEmailAsync(service, "b@example.com", reference: "r1")).GetProperty("id").GetString();
        await SetStatusAsync(herald, Guid.Parse(third!), NotificationStatus.TechnicalFailure);

        Assert.Equal([third, second, first], await IdsAsync(herald, service, ""));
        Assert.Equal([third, first], await IdsAsync(herald, service, "?template_type=email"));
        Assert.Equal([second], await IdsAsync(herald, service, "?template_type=sms"));
        Assert.Equal([third, first], await IdsAsync(herald, service, "?reference=r1"));
        Assert.Equal([third], await IdsAsync(herald, service, "?status=failed"));
        Assert.Equal([second, first], await IdsAsync(herald, service, "?status=created"));
        Assert.Equal([third, second, first], await IdsAsync(herald, service, "?status=created&status=technical-failure"));
        Assert.Equal([second, first], await IdsAsync(herald, service, $"?older_than={third}"));
        Assert.Equal([first], await IdsAsync(herald, service, $"?older_than={second}&template_type=email"));
        Assert.Empty(await IdsAsync(herald, service, $"?older_than={Guid.NewGuid()}"));

        var page = await HeraldApp.ExpectAsync(await herald.GetAsync(service.Key, "/v2/notifications?template_type=email"), 200);
        Assert.Equal($"{herald.BaseUrl}/v2/notifications?template_type=email", page.GetProperty("links").GetProperty("current").GetString());
        Assert.Equal($"{herald.BaseUrl}/v2/notifications?template_type=email&older_than={first}", page.GetProperty("links").GetProperty("next").GetString());
    }

    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task Pages_hold_250_and_older_than_walks_them(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var herald = await HeraldApp.StartAsync(database, role: Herald.Settings.HeraldRole.Api);
        var service = await herald.CreateReadyServiceAsync();
        for (var i = 0; i < 260; i++)
        {
            await herald.SendSmsAsync(service, "07700900123");
        }

        var page1 = await HeraldApp.ExpectAsync(await herald.GetAsync(service.Key, "/v2/notifications"), 200);
        var ids1 = page1.GetProperty("notifications").EnumerateArray().Select(n => n.GetProperty("id").GetString()).ToList();
        var next = new Uri(page1.GetProperty("links").GetProperty("next").GetString()!).PathAndQuery;
        var page2 = await HeraldApp.ExpectAsync(await herald.GetAsync(service.Key, next), 200);
        var ids2 = page2.GetProperty("notifications").EnumerateArray().Select(n => n.GetProperty("id").GetString()).ToList();

        Assert.Equal(250, ids1.Count);
        Assert.Equal(10, ids2.Count);
        Assert.Empty(ids1.Intersect(ids2));
    }

    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task Bad_filters_and_unknown_ids_get_Notifys_errors(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var herald = await HeraldApp.StartAsync(database, role: Herald.Settings.HeraldRole.Api);
        var service = await herald.CreateReadyServiceAsync();

        await HeraldApp.ExpectErrorAsync(await herald.GetAsync(service.Key, "/v2/notifications?template_type=fax"), 400, "ValidationError", "template_type fax is not one of [sms, email, letter]");
        await HeraldApp.ExpectErrorAsync(await herald.GetAsync(service.Key, "/v2/notifications?older_than=12"), 400, "ValidationError", "older_than is not a valid UUID");
        var status = await HeraldApp.ExpectAsync(await herald.GetAsync(service.Key, "/v2/notifications?status=elephant"), 400);
        Assert.StartsWith("status elephant is not one of [", status.GetProperty("errors")[0].GetProperty("message").GetString(), StringComparison.Ordinal);
        await HeraldApp.ExpectErrorAsync(await herald.GetAsync(service.Key, $"/v2/notifications/{Guid.NewGuid()}"), 404, "NoResultFound", "No result found");
        await HeraldApp.ExpectErrorAsync(await herald.GetAsync(service.Key, "/v2/notifications/xyz"), 400, "ValidationError", "notification_id is not a valid UUID");
    }

    private static async Task<List<string?>> IdsAsync(HeraldApp herald, TestService service, string query)
    {
        var body = await HeraldApp.ExpectAsync(await herald.GetAsync(service.Key, "/v2/notifications" + query), 200);
        return [.. body.GetProperty("notifications").EnumerateArray().Select(n => n.GetProperty("id").GetString())];
    }

    private static async Task SetStatusAsync(HeraldApp herald, Guid id, string status)
    {
        await using var heraldDatabase = new HeraldDatabase(herald.Database.Target);
        await using var context = heraldDatabase.CreateContext();
        await context.Notifications.Where(n => n.Id == id).ExecuteUpdateAsync(s => s.SetProperty(n => n.Status, status));
    }
}
