using System.Net.Http.Json;
using Herald.Providers;
using Herald.Providers.Capture;
using Herald.Providers.Instances;
using Herald.Storage;
using Herald.Tests.Fixtures;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Herald.Notifications;
using Herald.Queue;

namespace Herald.Tests.Providers;

public sealed class ProviderSelectionTests
{
    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task Notifications_go_to_the_providers_with_weight_and_follow_a_change_at_once(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var herald = await HeraldApp.StartAsync(database);
        var a = await CreateAsync(herald, "inbox-a", 100);
        var b = await CreateAsync(herald, "inbox-b", 0);
        var service = await herald.CreateReadyServiceAsync();

        var first = await SendAsync(herald, service, 5);
        Assert.All(await ProviderNamesAsync(herald, first), name => Assert.Equal("inbox-a", name));

        await herald.Admin.PutAsJsonAsync($"/admin/api/providers/{a}", new { priority = 0, reason = "maintenance at provider A" });
        await herald.Admin.PutAsJsonAsync($"/admin/api/providers/{b}", new { priority = 100, reason = "maintenance at provider A" });
        var second = await SendAsync(herald, service, 5);
        Assert.All(await ProviderNamesAsync(herald, second), name => Assert.Equal("inbox-b", name));
    }

    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task With_every_provider_of_a_channel_inactive_nothing_is_sent_until_one_is_back(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var herald = await HeraldApp.StartAsync(database, settings: new Dictionary<string, string?> { ["Queue:Backoff:delivery.sms"] = "0s,48*1s" });
        var a = await CreateAsync(herald, "inbox-a", 100, active: false);
        var service = await herald.CreateReadyServiceAsync();

        var id = (await herald.SendSmsAsync(service, "07700900123")).GetProperty("id").GetString()!;
        await Eventually.TrueAsync(async () => await AttemptsAsync(herald) >= 2, "delivery retried while no provider is active");
        Assert.Equal("created", (await HeraldApp.ExpectAsync(await herald.GetAsync(service.Key, $"/v2/notifications/{id}"), 200)).GetProperty("status").GetString());

        await herald.Admin.PutAsJsonAsync($"/admin/api/providers/{a}", new { active = true, reason = "back" });
        await herald.WaitForStatusAsync(service.Key, id, "delivered");
    }

    [Fact]
    public void Selection_follows_the_weights_and_skips_inactive_and_national_only_providers()
    {
        var selector = new ProviderSelector(null!, new Random(1234));
        var set = new ProviderSet(
        [
            Instance("heavy", 75), Instance("light", 25), Instance("off", 100, active: false), Instance("uk-only", 100, international: false),
        ], Instance("capture", 100));
        var picks = Enumerable.Range(0, 4000).Select(_ => selector.Pick(set, "sms", international: true).Name).GroupBy(n => n).ToDictionary(g => g.Key, g => g.Count());

        Assert.Equal(["heavy", "light"], picks.Keys.Order());
        Assert.InRange(picks["heavy"] / 4000.0, 0.72, 0.78);
        Assert.Contains(selector.Pick(set, "sms", international: false).Name, new[] { "heavy", "light", "uk-only" });
        Assert.Equal("capture", selector.Pick(set, "email", international: false).Name);
    }

    [Fact]
    public void Providers_that_all_weigh_nothing_share_the_traffic()
    {
        var selector = new ProviderSelector(null!, new Random(99));
        var set = new ProviderSet([Instance("a", 0), Instance("b", 0)], Instance("capture", 100));

        var names = Enumerable.Range(0, 200).Select(_ => selector.Pick(set, "sms", international: false).Name).ToHashSet();

        Assert.Equal(["a", "b"], names.Order());
        Assert.Throws<ProviderException>(() => selector.Pick(new ProviderSet([Instance("off", 50, active: false)], Instance("capture", 100)), "sms", false));
    }

    private static ProviderInstance Instance(string name, int priority, bool active = true, bool international = true) => new(
        new ProviderInstanceRecord
        {
            Id = Guid.NewGuid(), Channel = "sms", Type = "capture", Name = name, Priority = priority, Active = active, ProtectedSettings = "", UpdatedBy = "", Reason = "",
        },
        new CaptureProviderType(),
        new ProviderSettings(new CommonProviderSettings { SupportsInternational = international }, new CaptureSettings()),
        new ProviderAdapter(new object(), 1));

    internal static async Task<string> CreateAsync(HeraldApp herald, string name, int priority, bool active = true, string channel = "sms")
    {
        var created = await HeraldApp.ExpectAsync(await herald.Admin.PostAsJsonAsync("/admin/api/providers", new { channel, type = CaptureProvider.ProviderName, name, priority, active, settings = new { } }), 201);
        return created.GetProperty("id").GetString()!;
    }

    private static async Task<List<Guid>> SendAsync(HeraldApp herald, TestService service, int count)
    {
        var ids = new List<Guid>();
        for (var i = 0; i < count; i++)
        {
            var id = (await herald.SendSmsAsync(service, "07700900123")).GetProperty("id").GetString()!;
            await herald.WaitForStatusAsync(service.Key, id, "delivered");
            ids.Add(Guid.Parse(id));
        }

        return ids;
    }

    private static async Task<List<string?>> ProviderNamesAsync(HeraldApp herald, List<Guid> ids)
    {
        await using var context = herald.Services.GetRequiredService<HeraldDatabase>().CreateContext();
        return await context.Notifications.Where(n => ids.Contains(n.Id)).Select(n => n.ProviderName).ToListAsync();
    }

    private static async Task<int> AttemptsAsync(HeraldApp herald)
    {
        await using var context = herald.Services.GetRequiredService<HeraldDatabase>().CreateContext();
        return await context.QueueItems.Where(q => q.Kind == "delivery.sms").Select(q => q.Attempts).FirstOrDefaultAsync();
    }
}
