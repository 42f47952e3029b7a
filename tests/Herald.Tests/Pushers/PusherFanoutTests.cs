using System.Text.Json.Nodes;
using Herald.Storage;
using Herald.Tests.Fixtures;

namespace Herald.Tests.Pushers;

/// <summary>
/// Fan-out: events to many users at once, their pushers' reads, writes and gateway calls grouped
/// and concurrent, yet each pusher in order, none skipped, and a failing gateway delaying no one
/// else.
/// </summary>
public sealed class PusherFanoutTests
{
    private const string Room = "!room:example.org";

    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task Several_events_fanned_out_at_once_reach_every_pusher_once_each_in_stream_order(DatabaseProvider provider)
    {
        const int limit = 6;
        await using var push = await PushHarness.StartAsync(provider, settings: new Dictionary<string, string?> { ["Pushers:MaxConcurrentPushes"] = $"{limit}" });
        push.Gateway.Delay = TimeSpan.FromMilliseconds(2);
        var users = Enumerable.Range(0, 40).Select(i => $"@user{i}:example.org").ToArray();
        foreach (var user in users)
        {
            await push.RegisterHttpPusherAsync(user, $"key-{user}");
        }

        // Eight events to everyone, posted at once: the service numbers them in some order, and
        // every pusher must follow that order, whatever order the fan-outs run in.
        var posts = Enumerable.Range(0, 8).Select(i => push.PostEventAsync($"$e{i}", i % 2 == 0 ? Room : "!other:example.org", users)).ToArray();
        var orderings = await Task.WhenAll(posts);
        var expected = orderings.Select((ordering, i) => (ordering, id: $"$e{i}")).OrderBy(x => x.ordering).Select(x => x.id).ToList();

        await Eventually.TrueAsync(() => Task.FromResult(push.Gateway.Delivered.Count >= users.Length * expected.Count), "every event at every pusher", TimeSpan.FromSeconds(60));

        var byPushkey = ByPushkey(push.Gateway.Delivered);
        Assert.Equal(users.Length, byPushkey.Count);
        Assert.All(byPushkey.Values, received => Assert.Equal(expected, received));
        Assert.InRange(push.Gateway.PeakOpenRequests, 1, limit);
        await Eventually.TrueAsync(async () =>
        {
            foreach (var user in users)
            {
                if ((await push.PushersAsync(user)).Single().GetProperty("last_stream_ordering").GetInt64() != orderings.Max())
                {
                    return false;
                }
            }

            return true;
        }, "every pusher's progress recorded");
    }

    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task A_gateway_failing_for_a_tenth_of_the_users_delays_none_of_the_others(DatabaseProvider provider)
    {
        // As many steps and gateway calls at once as there are failing users: were a failing
        // pusher to keep either while it backs off, the failing five would hold them all and the
        // others would wait.
        const int failingUsers = 5;
        await using var push = await PushHarness.StartAsync(provider, settings: new Dictionary<string, string?>
        {
            ["Pushers:MaxConcurrentPushes"] = $"{failingUsers}",
            ["Pushers:MaxConcurrentSteps"] = $"{failingUsers}",
        });
        await using var broken = await PushGatewayFake.StartAsync();
        broken.FailWith = 500;
        var users = Enumerable.Range(0, 10 * failingUsers).Select(i => $"@user{i}:example.org").ToArray();
        var failing = users.Where((_, i) => i % 10 == 3).ToHashSet();
        Assert.Equal(failingUsers, failing.Count);
        foreach (var user in users)
        {
            await push.RegisterHttpPusherAsync(user, $"key-{user}", new { url = failing.Contains(user) ? broken.Url : push.Gateway.Url });
        }

        string[] events = ["$a", "$b", "$c"];
        foreach (var id in events)
        {
            await push.PostEventAsync(id, Room, users);
        }

        // The clock stands still: the failing pushers wait out their first backoff for ever, and
        // every other user still gets every event, in order.
        var healthy = users.Length - failing.Count;
        await Eventually.TrueAsync(() => Task.FromResult(push.Gateway.Delivered.Count >= healthy * events.Length), "the healthy users' events", TimeSpan.FromSeconds(60));
        var byPushkey = ByPushkey(push.Gateway.Delivered);
        Assert.Equal(users.Except(failing).Select(u => $"key-{u}").Order(), byPushkey.Keys.Order());
        Assert.All(byPushkey.Values, received => Assert.Equal(events, received));

        // The failing ones tried only their first event, and then, the gateway back, get all of them in order.
        Assert.All(broken.Attempts, a => Assert.Equal("$a", a["notification"]!["event_id"]!.GetValue<string>()));
        broken.FailWith = null;
        await push.AdvanceUntilAsync(TimeSpan.FromSeconds(1), () => broken.Delivered.Count >= failing.Count * events.Length, "the failing users' events once their gateway is back");
        var late = ByPushkey(broken.Delivered);
        Assert.Equal(failing.Select(u => $"key-{u}").Order(), late.Keys.Order());
        Assert.All(late.Values, received => Assert.Equal(events, received));
    }

    private static Dictionary<string, List<string>> ByPushkey(IEnumerable<JsonObject> delivered) =>
        delivered
            .Where(n => n["notification"]?["event_id"] is not null)
            .GroupBy(n => n["notification"]!["devices"]![0]!["pushkey"]!.GetValue<string>())
            .ToDictionary(g => g.Key, g => g.Select(n => n["notification"]!["event_id"]!.GetValue<string>()).ToList());
}
