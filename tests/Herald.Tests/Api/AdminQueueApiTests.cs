using System.Net.Http.Json;
using System.Text.Json;
using Herald.Queue;
using Herald.Storage;
using Herald.Tests.Fixtures;
using Microsoft.Extensions.DependencyInjection;
using Herald.Settings;

namespace Herald.Tests.Api;

public sealed class AdminQueueApiTests
{
    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task Dead_items_are_listed_and_replayed_through_the_admin_api(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);

        // An API process runs no handlers: a replayed item stays pending, where it can be counted.
        await using var herald = await HeraldApp.StartAsync(database, role: HeraldRole.Api);
        var dead = await AddDeadAsync(herald, "callbacks.deliver", "n-1", "HTTP 500 from the callback URL");
        var other = await AddDeadAsync(herald, "receipts.process", "SM123", "no notification has twilio reference SM123");

        var listed = (await HeraldApp.ExpectAsync(await herald.Admin.GetAsync("/admin/api/queue/dead"), 200)).GetProperty("items").EnumerateArray().ToList();
        Assert.Equal([other, dead], listed.Select(i => i.GetProperty("id").GetInt64()));
        var item = listed[1];
        Assert.Equal(("callbacks.deliver", "n-1", 49, "HTTP 500 from the callback URL"), (
            item.GetProperty("kind").GetString(), item.GetProperty("reference").GetString(), item.GetProperty("attempts").GetInt32(), item.GetProperty("last_error").GetString()));
        Assert.Single((await HeraldApp.ExpectAsync(await herald.Admin.GetAsync("/admin/api/queue/dead?limit=1"), 200)).GetProperty("items").EnumerateArray());
        Assert.Equal((0, 1), await CountsAsync(herald, "callbacks.deliver"));

        var replayed = await HeraldApp.ExpectAsync(await herald.Admin.PostAsJsonAsync("/admin/api/queue/dead/replay", new { ids = new[] { dead } }), 200);

        Assert.Equal(1, replayed.GetProperty("replayed").GetInt32());
        Assert.Equal((1, 0), await CountsAsync(herald, "callbacks.deliver"));
        Assert.Equal((0, 1), await CountsAsync(herald, "receipts.process"));
        var all = await HeraldApp.ExpectAsync(await herald.Admin.PostAsJsonAsync("/admin/api/queue/dead/replay", new { all = true }), 200);
        Assert.Equal(1, all.GetProperty("replayed").GetInt32());
        Assert.Empty((await HeraldApp.ExpectAsync(await herald.Admin.GetAsync("/admin/api/queue/dead"), 200)).GetProperty("items").EnumerateArray());
    }

    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task Bad_queue_requests_are_refused_and_change_nothing(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var herald = await HeraldApp.StartAsync(database, role: HeraldRole.Api);
        await AddDeadAsync(herald, "callbacks.deliver", "n-1", "HTTP 500");
        const string Choose = "name the dead item ids to replay, or all: true (not both)";

        await HeraldApp.ExpectErrorAsync(await herald.Admin.PostAsJsonAsync("/admin/api/queue/dead/replay", new { }), 400, "ValidationError", Choose);
        await HeraldApp.ExpectErrorAsync(await herald.Admin.PostAsJsonAsync("/admin/api/queue/dead/replay", new { ids = new[] { 1 }, all = true }), 400, "ValidationError", Choose);
        await HeraldApp.ExpectErrorAsync(await herald.Admin.PostAsJsonAsync("/admin/api/queue/dead/replay", new { ids = "all" }), 400, "ValidationError", "ids has the wrong type");
        await HeraldApp.ExpectErrorAsync(await herald.Admin.PostAsJsonAsync("/admin/api/queue/dead/replay", new { every = true }), 400, "ValidationError", "Additional properties are not allowed (every was unexpected)");
        await HeraldApp.ExpectErrorAsync(await herald.Admin.GetAsync("/admin/api/queue/dead?limit=0"), 400, "ValidationError", "limit must be between 1 and 500");
        await HeraldApp.ExpectErrorAsync(await herald.Admin.GetAsync("/admin/api/queue/dead?limit=x"), 400, "ValidationError", "limit must be between 1 and 500");
        await HeraldApp.ExpectErrorAsync(await herald.Admin.GetAsync("/admin/api/inbox?limit=x"), 400, "ValidationError", "limit must be between 1 and 500");
        await HeraldApp.ExpectErrorAsync(await herald.Admin.GetAsync("/admin/api/inbox?limit=0"), 400, "ValidationError", "limit must be between 1 and 500");
        await HeraldApp.ExpectErrorAsync(await herald.Admin.GetAsync("/admin/api/inbox?to=a%00b"), 400, "ValidationError", "to is not valid text: it has a lone surrogate or a NUL character");
        using var anonymous = new HttpClient { BaseAddress = herald.Admin.BaseAddress };
        Assert.Equal(401, (int)(await anonymous.PostAsJsonAsync("/admin/api/queue/dead/replay", new { all = true })).StatusCode);

        Assert.Equal((0, 1), await CountsAsync(herald, "callbacks.deliver"));
    }

    private static async Task<long> AddDeadAsync(HeraldApp herald, string kind, string reference, string error)
    {
        await using var context = herald.Services.GetRequiredService<HeraldDatabase>().CreateContext();
        var record = new QueueItemRecord
        {
            Kind = kind, Payload = reference, Reference = reference, State = QueueItemState.Dead, Attempts = 49, LastError = error,
            RunAt = 0, CreatedAt = DateTimeOffset.Parse("2026-07-10T12:00:00Z", System.Globalization.CultureInfo.InvariantCulture).ToUnixTimeMilliseconds(),
        };
        context.QueueItems.Add(record);
        await context.SaveChangesAsync();
        return record.Id;
    }

    private static async Task<(int Pending, int Dead)> CountsAsync(HeraldApp herald, string kind)
    {
        var kinds = (await HeraldApp.ExpectAsync(await herald.Admin.GetAsync("/admin/api/queue"), 200)).GetProperty("kinds").EnumerateArray();
        var found = kinds.SingleOrDefault(k => k.GetProperty("kind").GetString() == kind);
        return found.ValueKind == JsonValueKind.Undefined ? (0, 0) : (found.GetProperty("pending").GetInt32(), found.GetProperty("dead").GetInt32());
    }
}
