using System.Text.Json;
using System.Text.Json.Nodes;
using System.Diagnostics.Metrics;
using Herald.Pushers;
using Herald.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using Herald.Tests.Fixtures;

namespace Herald.Tests.Pushers;

public sealed class HttpPusherTests
{
    private const string User = "@bob:example.org";

    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task Events_reach_the_gateway_in_order_and_none_is_skipped_through_an_outage(DatabaseProvider provider)
    {
        await using var push = await PushHarness.StartAsync(provider);
        await push.RegisterHttpPusherAsync(User, "key-1");
        push.Gateway.FailWith = 500;
        string[] events = ["$e1", "$e2", "$e3", "$e4", "$e5"];
        foreach (var id in events)
        {
            await push.PostEventAsync(id, "!room:example.org", User);
        }

        await Eventually.TrueAsync(() => Task.FromResult(push.Gateway.Attempts.Count >= 1), "the first attempt");

        // Several backoff rounds (1 s, 2 s, 4 s, 8 s): every retry is of the first event, never a later one.
        for (var round = 0; round < 4; round++)
        {
            var before = push.Gateway.Attempts.Count;
            await push.AdvanceUntilAsync(TimeSpan.FromSeconds(1), () => push.Gateway.Attempts.Count > before, $"retry {round + 1}");
        }

        Assert.All(push.Gateway.Attempts, a => Assert.Equal("$e1", a["notification"]!["event_id"]!.GetValue<string>()));
        var failing = (await push.PushersAsync(User)).Single();
        Assert.NotEqual(JsonValueKind.Null, failing.GetProperty("failing_since").ValueKind);
        Assert.Equal(0, failing.GetProperty("last_stream_ordering").GetInt64());

        push.Gateway.FailWith = null;
        await push.AdvanceUntilAsync(TimeSpan.FromSeconds(1), () => push.Gateway.DeliveredEventIds.Count == events.Length, "all events delivered");

        Assert.Equal(events, push.Gateway.DeliveredEventIds);
        await Eventually.TrueAsync(async () => (await push.PushersAsync(User)).Single().GetProperty("last_stream_ordering").GetInt64() == 5, "last_stream_ordering 5");
        Assert.Equal(JsonValueKind.Null, (await push.PushersAsync(User)).Single().GetProperty("failing_since").ValueKind);
    }

    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task After_24_hours_of_failing_the_pusher_gives_up_on_that_event_and_moves_on(DatabaseProvider provider)
    {
        await using var push = await PushHarness.StartAsync(provider);
        await push.RegisterHttpPusherAsync(User, "key-1");
        push.Gateway.FailWith = 503;
        var start = push.Clock.GetUtcNow();
        await push.PostEventAsync("$stale", "!room:example.org", User);
        await push.PostEventAsync("$fresh", "!room:example.org", User);
        await Eventually.TrueAsync(() => Task.FromResult(push.Gateway.Attempts.Count >= 1), "the first attempt");

        // Backoff doubles to an hour; the first attempt at $fresh comes only once $stale was given up.
        await push.AdvanceUntilAsync(TimeSpan.FromHours(1), () => push.Gateway.Attempts.Any(a => EventId(a) == "$fresh"), "$stale given up", TimeSpan.FromMinutes(2));

        Assert.True(push.Clock.GetUtcNow() - start >= TimeSpan.FromHours(24), "gave up before 24 hours of failing");
        Assert.True(push.Gateway.Attempts.Count(a => EventId(a) == "$stale") >= 5, "retried through the day");

        push.Gateway.FailWith = null;
        await push.AdvanceUntilAsync(TimeSpan.FromSeconds(1), () => push.Gateway.DeliveredEventIds.Count == 1, "$fresh delivered");
        Assert.Equal(["$fresh"], push.Gateway.DeliveredEventIds);
        await Eventually.TrueAsync(async () => (await push.PushersAsync(User)).Single().GetProperty("last_stream_ordering").GetInt64() == 2, "last_stream_ordering 2");
    }

    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task An_event_the_gateway_refuses_is_parked_after_its_tries_and_the_events_behind_it_flow_in_order(DatabaseProvider provider)
    {
        await using var push = await PushHarness.StartAsync(provider);
        using var parked = new MetricCollector<long>(push.Herald.Services.GetRequiredService<IMeterFactory>(), PusherMetrics.MeterName, "herald.pushers.parked");
        await push.RegisterHttpPusherAsync(User, "key-1");
        push.Gateway.RefusedEvents["$refused"] = 400;
        foreach (var id in new[] { "$before", "$refused", "$after1", "$after2" })
        {
            await push.PostEventAsync(id, "!room:example.org", User);
        }

        // Five tries with backoff (1, 2, 4, 8 s), then parked, not the 24 hours a failing gateway gets.
        await push.AdvanceUntilAsync(TimeSpan.FromSeconds(1), () => push.Gateway.DeliveredEventIds.Count == 3, "the events behind the refused one delivered");
        Assert.Equal(["$before", "$after1", "$after2"], push.Gateway.DeliveredEventIds);
        Assert.Equal(5, push.Gateway.Attempts.Count(a => EventId(a) == "$refused"));

        var pusher = (await push.PushersAsync(User)).Single();
        Assert.Equal(1, pusher.GetProperty("parked_events").GetInt64());
        Assert.Equal("$refused", pusher.GetProperty("last_parked_event_id").GetString());
        Assert.Equal("HTTP 400", pusher.GetProperty("last_parked_reason").GetString());
        Assert.NotEqual(JsonValueKind.Null, pusher.GetProperty("last_parked_at").ValueKind);
        Assert.Equal(JsonValueKind.Null, pusher.GetProperty("failing_since").ValueKind);
        var measurement = Assert.Single(parked.GetMeasurementSnapshot());
        Assert.Equal("http", measurement.Tags["kind"]);
        Assert.Equal("refused", measurement.Tags["cause"]);
    }

    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task A_redirect_from_the_gateway_is_a_failed_push_not_followed(DatabaseProvider provider)
    {
        await using var push = await PushHarness.StartAsync(provider);
        await push.RegisterHttpPusherAsync(User, "key-1");
        push.Gateway.Redirect = true;

        await push.PostEventAsync("$e1", "!room:example.org", User);

        await Eventually.TrueAsync(async () => (await push.PushersAsync(User)).Single().GetProperty("failing_since").ValueKind != JsonValueKind.Null, "the pusher failing");
        Assert.Single(push.Gateway.Attempts);
        Assert.Empty(push.Gateway.Delivered);

        push.Gateway.Redirect = false;
        await push.AdvanceUntilAsync(TimeSpan.FromSeconds(1), () => push.Gateway.DeliveredEventIds.Count == 1, "delivered to the registered URL");
        Assert.Equal(["$e1"], push.Gateway.DeliveredEventIds);
    }

    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task A_gateway_answer_over_the_read_limit_counts_as_delivered_unread(DatabaseProvider provider)
    {
        await using var push = await PushHarness.StartAsync(provider);
        await push.RegisterHttpPusherAsync(User, "key");
        push.Gateway.RejectedPushkeys["key"] = true;
        push.Gateway.AnswerPadding = 100_000;

        await push.PostEventAsync("$e1", "!room:example.org", User);
        await push.PostEventAsync("$e2", "!room:example.org", User);

        // The 2xx delivered both; the answer's rejection, past the first 16 KB, is never read.
        await push.AdvanceUntilAsync(TimeSpan.FromSeconds(1), () => push.Gateway.DeliveredEventIds.Count == 2, "both events delivered");
        Assert.Equal(["$e1", "$e2"], push.Gateway.DeliveredEventIds);
        Assert.Single(await push.PushersAsync(User));
    }

    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task A_pushkey_the_gateway_rejects_removes_the_pusher(DatabaseProvider provider)
    {
        await using var push = await PushHarness.StartAsync(provider);
        await push.RegisterHttpPusherAsync(User, "gone-key");
        await push.RegisterHttpPusherAsync(User, "good-key");
        push.Gateway.RejectedPushkeys["gone-key"] = true;

        await push.PostEventAsync("$e1", "!room:example.org", User);

        await Eventually.TrueAsync(async () => (await push.PushersAsync(User)).Length == 1, "the rejected pusher removed");
        Assert.Equal("good-key", (await push.PushersAsync(User)).Single().GetProperty("pushkey").GetString());

        // The remaining pusher goes on; the removed one is sent nothing more.
        await push.PostEventAsync("$e2", "!room:example.org", User);
        await Eventually.TrueAsync(() => Task.FromResult(push.Gateway.Delivered.Count(n => Pushkey(n) == "good-key") == 2), "both events to the good pusher");
        Assert.Equal(1, push.Gateway.Attempts.Count(n => Pushkey(n) == "gone-key"));
    }

    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task Receipts_send_badge_updates_and_read_events_are_not_pushed(DatabaseProvider provider)
    {
        await using var push = await PushHarness.StartAsync(provider);
        await push.RegisterHttpPusherAsync(User, "key-1");
        push.Gateway.FailWith = 500;
        await push.PostEventAsync("$e1", "!a:example.org", User);
        await push.PostEventAsync("$e2", "!a:example.org", User);
        await push.PostEventAsync("$e3", "!a:example.org", User);
        await Eventually.TrueAsync(() => Task.FromResult(push.Gateway.Attempts.Count >= 1), "the first attempt");

        // Read up to $e2 while the gateway is down: $e1 and $e2 must never be pushed.
        await push.PostReceiptAsync(User, "!a:example.org", "$e2");
        push.Gateway.FailWith = null;
        await push.AdvanceUntilAsync(TimeSpan.FromSeconds(1), () => push.Gateway.DeliveredEventIds.Count == 1, "$e3 delivered");

        // The notification itself carries the new count.
        Assert.Equal(["$e3"], push.Gateway.DeliveredEventIds);
        Assert.Empty(push.Gateway.DeliveredBadges);
        Assert.Equal(1, push.Gateway.Delivered.Last()["notification"]!["counts"]!["unread"]!.GetValue<int>());

        // Reading the rest sends a badge-only update down to 0.
        await push.PostReceiptAsync(User, "!a:example.org", "$e3");
        await Eventually.TrueAsync(() => Task.FromResult(push.Gateway.DeliveredBadges.Count == 1), "badge update to 0");
        Assert.Equal([0], push.Gateway.DeliveredBadges);

        // A receipt that leaves the count as it was sends no badge: the next thing the gateway sees is $e5.
        await push.PostEventAsync("$e4", "!b:example.org", "@someone-else:example.org");
        await push.PostReceiptAsync(User, "!b:example.org", "$e4");
        await push.PostEventAsync("$e5", "!a:example.org", User);
        await Eventually.TrueAsync(() => Task.FromResult(push.Gateway.DeliveredEventIds.Contains("$e5")), "$e5 delivered");
        Assert.Equal(["$e3", "$e5"], push.Gateway.DeliveredEventIds);
        Assert.Equal([0], push.Gateway.DeliveredBadges);
        Assert.Equal("$e5", EventId(push.Gateway.Delivered.Last()));
    }

    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task The_notification_carries_the_event_counts_and_the_device(DatabaseProvider provider)
    {
        await using var push = await PushHarness.StartAsync(provider);
        await push.RegisterHttpPusherAsync(User, "key-1", new { url = push.Gateway.Url, brand = "Chat" });
        var response = await push.Herald.PostAsync(push.Service.Key, "/v2/push/events", new
        {
            room_id = "!a:example.org",
            event_id = "$loud",
            type = "m.room.message",
            sender = "@alice:example.org",
            sender_display_name = "Alice",
            room_name = "Project X",
            content = new { body = "hi" },
            recipients = new object[] { new { user_id = User, tweaks = new { sound = "default" } } },
        });
        await HeraldApp.ExpectAsync(response, 201);
        await Eventually.TrueAsync(() => Task.FromResult(push.Gateway.Delivered.Count == 1), "the first delivered");
        await push.PostEventAsync("$quiet", "!a:example.org", User);
        await Eventually.TrueAsync(() => Task.FromResult(push.Gateway.Delivered.Count == 2), "both delivered");

        var loud = push.Gateway.Delivered.First()["notification"]!.AsObject();
        Assert.Equal("$loud", loud["event_id"]!.GetValue<string>());
        Assert.Equal("!a:example.org", loud["room_id"]!.GetValue<string>());
        Assert.Equal("m.room.message", loud["type"]!.GetValue<string>());
        Assert.Equal("@alice:example.org", loud["sender"]!.GetValue<string>());
        Assert.Equal("Alice", loud["sender_display_name"]!.GetValue<string>());
        Assert.Equal("Project X", loud["room_name"]!.GetValue<string>());
        Assert.Equal("hi", loud["content"]!["body"]!.GetValue<string>());
        Assert.Equal("high", loud["prio"]!.GetValue<string>());
        Assert.Equal(1, loud["counts"]!["unread"]!.GetValue<int>());
        var device = loud["devices"]!.AsArray().Single()!.AsObject();
        Assert.Equal("com.example.chat", device["app_id"]!.GetValue<string>());
        Assert.Equal("key-1", device["pushkey"]!.GetValue<string>());
        Assert.Equal(push.Clock.GetUtcNow().ToUnixTimeSeconds(), device["pushkey_ts"]!.GetValue<long>());
        Assert.True(JsonNode.DeepEquals(new JsonObject { ["brand"] = "Chat" }, device["data"]));
        Assert.Equal("default", device["tweaks"]!["sound"]!.GetValue<string>());

        var quiet = push.Gateway.Delivered.Last()["notification"]!;
        Assert.Equal("low", quiet["prio"]!.GetValue<string>());
        Assert.Equal(2, quiet["counts"]!["unread"]!.GetValue<int>());
    }

    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task Event_id_only_format_sends_the_ids_priority_and_counts_but_not_the_event(DatabaseProvider provider)
    {
        await using var push = await PushHarness.StartAsync(provider);
        await push.RegisterHttpPusherAsync(User, "key-1", new { url = push.Gateway.Url, format = "event_id_only" });
        var response = await push.Herald.PostAsync(push.Service.Key, "/v2/push/events", new
        {
            room_id = "!a:example.org",
            event_id = "$mention",
            type = "m.room.message",
            sender = "@alice:example.org",
            room_name = "Secret project",
            content = new { body = "private words" },
            recipients = new object[] { new { user_id = User, highlight = true } },
        });
        await HeraldApp.ExpectAsync(response, 201);
        await Eventually.TrueAsync(() => Task.FromResult(push.Gateway.Delivered.Count == 1), "delivered");

        var notification = push.Gateway.Delivered.Single()["notification"]!.AsObject();
        Assert.Equal(["event_id", "room_id", "prio", "counts", "devices"], notification.Select(p => p.Key).ToArray());
        Assert.Equal("$mention", notification["event_id"]!.GetValue<string>());
        Assert.Equal("high", notification["prio"]!.GetValue<string>());
        Assert.Equal(1, notification["counts"]!["unread"]!.GetValue<int>());
        Assert.DoesNotContain("private words", push.Gateway.Delivered.Single().ToJsonString(), StringComparison.Ordinal);
        Assert.True(JsonNode.DeepEquals(new JsonObject { ["format"] = "event_id_only" }, notification["devices"]![0]!["data"]));
    }

    private static string? EventId(JsonObject body) => body["notification"]?["event_id"]?.GetValue<string>();

    private static string? Pushkey(JsonObject body) => body["notification"]?["devices"]?[0]?["pushkey"]?.GetValue<string>();
}
