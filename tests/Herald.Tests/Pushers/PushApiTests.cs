using System.Text.Json;
using Herald.Storage;
using Herald.Tests.Fixtures;

namespace Herald.Tests.Pushers;

public sealed class PushApiTests
{
    private const string User = "@bob:example.org";

    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task Registering_the_same_app_id_and_pushkey_again_updates_the_pusher_and_delete_removes_it(DatabaseProvider provider)
    {
        await using var push = await PushHarness.StartAsync(provider);
        var created = await push.RegisterHttpPusherAsync(User, "key-1");
        Assert.Equal("http", created.GetProperty("kind").GetString());
        var updated = await push.RegisterHttpPusherAsync(User, "key-1", new { url = push.Gateway.Url, brand = "New" }, status: 200);
        Assert.Equal("New", updated.GetProperty("data").GetProperty("brand").GetString());
        await push.RegisterHttpPusherAsync("@carol:example.org", "key-1");

        var pushers = await push.PushersAsync(User);
        Assert.Equal("New", Assert.Single(pushers).GetProperty("data").GetProperty("brand").GetString());

        var path = $"/v2/push/users/{User}/pushers?app_id=com.example.chat&pushkey=key-1";
        await HeraldApp.ExpectAsync(await push.Herald.SendAsync(push.Service.Key, HttpMethod.Delete, path, null), 204);
        Assert.Empty(await push.PushersAsync(User));
        Assert.Single(await push.PushersAsync("@carol:example.org"));
        await HeraldApp.ExpectErrorAsync(await push.Herald.SendAsync(push.Service.Key, HttpMethod.Delete, path, null), 404, "NoResultFound", "No result found");
    }

    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task A_new_pusher_starts_at_the_latest_event_and_only_later_events_are_pushed(DatabaseProvider provider)
    {
        await using var push = await PushHarness.StartAsync(provider);
        await push.PostEventAsync("$old1", "!a:example.org", User);
        await push.PostEventAsync("$old2", "!a:example.org", User);

        var created = await push.RegisterHttpPusherAsync(User, "key-1");
        Assert.Equal(2, created.GetProperty("last_stream_ordering").GetInt64());

        await push.PostEventAsync("$new", "!a:example.org", User);
        await Eventually.TrueAsync(() => Task.FromResult(push.Gateway.Delivered.Count == 1), "the new event delivered");
        Assert.Equal(["$new"], push.Gateway.DeliveredEventIds);
    }

    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task Concurrent_posts_get_distinct_increasing_stream_orderings(DatabaseProvider provider)
    {
        await using var push = await PushHarness.StartAsync(provider);
        var orderings = await Task.WhenAll(Enumerable.Range(0, 40).Select(i => push.PostEventAsync($"$c{i}", "!a:example.org", User)));
        Assert.Equal(Enumerable.Range(1, 40).Select(i => (long)i), orderings.Order());

        // Another service has a stream of its own.
        var other = await push.Herald.CreateReadyServiceAsync();
        var response = await push.Herald.PostAsync(other.Key, "/v2/push/events", new { room_id = "!x", type = "t", sender = "@s", content = new { }, recipients = Array.Empty<object>() });
        Assert.Equal(1, (await HeraldApp.ExpectAsync(response, 201)).GetProperty("stream_ordering").GetInt64());
    }

    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task An_event_whose_text_cannot_be_stored_is_refused_and_never_reaches_the_feed(DatabaseProvider provider)
    {
        await using var push = await PushHarness.StartAsync(provider);
        foreach (var (field, json) in new[]
        {
            ("content.body", $"{{\"room_id\":\"!a:example.org\",\"type\":\"m.room.message\",\"sender\":\"@s\",\"content\":{{\"body\":\"\\ud800\"}},\"recipients\":[{{\"user_id\":\"{User}\"}}]}}"),
            ("room_id", $"{{\"room_id\":\"!a\\u0000\",\"type\":\"m.room.message\",\"sender\":\"@s\",\"content\":{{}},\"recipients\":[{{\"user_id\":\"{User}\"}}]}}"),
        })
        {
            await HeraldApp.ExpectErrorAsync(await push.Herald.PostRawAsync(push.Service.Key, "/v2/push/events", json), 400, "ValidationError",
                $"{field} is not valid text: it has invalid UTF-8, a lone surrogate or a NUL character");
        }

        // The next event is the first: nothing of the refused ones was stored.
        Assert.Equal(1, await push.PostEventAsync("$next", "!a:example.org", User));
    }

    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task Posting_an_event_id_again_answers_the_first_stream_ordering(DatabaseProvider provider)
    {
        await using var push = await PushHarness.StartAsync(provider);
        var first = await push.PostEventAsync("$once", "!a:example.org", User);
        var again = await push.Herald.PostAsync(push.Service.Key, "/v2/push/events", new
        {
            room_id = "!a:example.org", event_id = "$once", type = "t", sender = "@s", content = new { }, recipients = new[] { new { user_id = User } },
        });
        Assert.Equal(first, (await HeraldApp.ExpectAsync(again, 200)).GetProperty("stream_ordering").GetInt64());
        var feed = await push.FeedAsync(User);
        Assert.Single(feed.GetProperty("notifications").EnumerateArray());
    }

    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task The_feed_lists_newest_first_with_read_state_pages_and_highlights(DatabaseProvider provider)
    {
        await using var push = await PushHarness.StartAsync(provider);
        await push.PostEventAsync("$a1", "!a:example.org", User);
        await push.PostEventAsync("$a2", "!a:example.org", User);
        var response = await push.Herald.PostAsync(push.Service.Key, "/v2/push/events", new
        {
            room_id = "!b:example.org", event_id = "$b1", type = "m.room.message", sender = "@alice:example.org", room_name = "B",
            content = new { body = "@bob look" }, recipients = new object[] { new { user_id = User, highlight = true, tweaks = new { sound = "ping" } } },
        });
        await HeraldApp.ExpectAsync(response, 201);
        await push.PostEventAsync("$a3", "!a:example.org", User);
        await push.PostEventAsync("$other", "!a:example.org", "@carol:example.org");
        await push.PostReceiptAsync(User, "!a:example.org", "$a2");

        var feed = await push.FeedAsync(User);
        var items = feed.GetProperty("notifications").EnumerateArray().ToList();
        Assert.Equal(["$a3", "$b1", "$a2", "$a1"], items.Select(EventId));
        Assert.Equal([false, false, true, true], items.Select(i => i.GetProperty("read").GetBoolean()));
        var mention = items[1];
        Assert.True(mention.GetProperty("highlight").GetBoolean());
        Assert.Equal("ping", mention.GetProperty("tweaks").GetProperty("sound").GetString());
        Assert.Equal("@bob look", mention.GetProperty("event").GetProperty("content").GetProperty("body").GetString());
        Assert.Equal("B", mention.GetProperty("event").GetProperty("room_name").GetString());
        Assert.Equal(push.Clock.GetUtcNow().ToUnixTimeMilliseconds(), mention.GetProperty("ts").GetInt64());
        Assert.Equal(JsonValueKind.Null, feed.GetProperty("next_token").ValueKind);

        var page1 = await push.FeedAsync(User, "?limit=2");
        Assert.Equal(["$a3", "$b1"], page1.GetProperty("notifications").EnumerateArray().Select(EventId));
        var page2 = await push.FeedAsync(User, $"?limit=2&from={page1.GetProperty("next_token").GetString()}");
        Assert.Equal(["$a2", "$a1"], page2.GetProperty("notifications").EnumerateArray().Select(EventId));

        var highlights = await push.FeedAsync(User, "?only=highlight");
        Assert.Equal(["$b1"], highlights.GetProperty("notifications").EnumerateArray().Select(EventId));

        // A receipt never moves back.
        var back = await push.Herald.PostAsync(push.Service.Key, $"/v2/push/users/{User}/receipts", new { room_id = "!a:example.org", stream_ordering = 1 });
        Assert.Equal(2, (await HeraldApp.ExpectAsync(back, 200)).GetProperty("stream_ordering").GetInt64());
    }

    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task A_receipt_naming_an_event_of_another_room_is_refused(DatabaseProvider provider)
    {
        await using var push = await PushHarness.StartAsync(provider);
        await push.PostEventAsync("$a1", "!a:example.org", User);
        var response = await push.Herald.PostAsync(push.Service.Key, $"/v2/push/users/{User}/receipts", new { room_id = "!b:example.org", event_id = "$a1" });
        await HeraldApp.ExpectErrorAsync(response, 400, "ValidationError", "event_id $a1 is not in room_id !b:example.org");
    }

    private static string? EventId(JsonElement item) => item.GetProperty("event").GetProperty("event_id").GetString();
}
