using Herald.Pushers.Email;
using Herald.Storage;
using Herald.Tests.Fixtures;

namespace Herald.Tests.Pushers.Email;

/// <summary>The email pusher's passes over real storage, on a fake clock, run one at a time by the test.</summary>
public sealed class EmailPusherTests
{
    private const string Alice = "@alice:example";
    private const string Address = "alice@example.com";

    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task The_first_digest_goes_out_ten_minutes_after_the_notification(DatabaseProvider provider)
    {
        await using var s = await EmailDigestScenario.StartAsync(provider);
        var pusher = await s.RegisterEmailPusherAsync(Alice, Address);
        await s.PostMessageAsync("p1", "Project X", "Bob", "Lunch at noon?", [Alice]);

        s.Advance(TimeSpan.FromMinutes(9));
        var early = await s.ProcessAsync(pusher);
        Assert.Equal(new EmailPass(EmailPassOutcome.Waiting, EmailDigestScenario.Start + TimeSpan.FromMinutes(10)), early);
        Assert.Empty(await s.InboxAsync(Address));

        s.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal(EmailPass.Sent, await s.ProcessAsync(pusher));
        var email = Assert.Single(await s.InboxAsync(Address));
        Assert.Equal("[Chat] You have a message from Bob in Project X", email.Subject);
        Assert.Contains("Lunch at noon?", email.Body);
        Assert.Contains("Lunch at noon?", email.Html);
        Assert.Equal("notifications@herald.localhost", email.From);

        Assert.Equal(EmailPass.Idle, await s.ProcessAsync(pusher));
        Assert.Single(await s.InboxAsync(Address));
    }

    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task The_next_digest_about_a_room_waits_a_day(DatabaseProvider provider)
    {
        await using var s = await EmailDigestScenario.StartAsync(provider);
        var pusher = await s.RegisterEmailPusherAsync(Alice, Address);
        await s.PostMessageAsync("p1", "Project X", "Bob", "first", [Alice]);
        s.Advance(TimeSpan.FromMinutes(10));
        Assert.Equal(EmailPass.Sent, await s.ProcessAsync(pusher));
        var firstSent = s.Time.GetUtcNow();

        s.Advance(TimeSpan.FromHours(1));
        await s.PostMessageAsync("p1", "Project X", "Bob", "second", [Alice]);
        s.Advance(TimeSpan.FromMinutes(30));
        Assert.Equal(new EmailPass(EmailPassOutcome.Waiting, firstSent + TimeSpan.FromHours(24)), await s.ProcessAsync(pusher));

        s.AdvanceTo(firstSent + TimeSpan.FromHours(24));
        Assert.Equal(EmailPass.Sent, await s.ProcessAsync(pusher));
        var emails = await s.InboxAsync(Address);
        Assert.Equal(2, emails.Count);
        Assert.Contains("second", emails[1].Body);
        Assert.DoesNotContain("first", emails[1].Body);
    }

    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task A_room_idle_for_six_hours_is_mailed_ten_minutes_after_its_next_notification(DatabaseProvider provider)
    {
        await using var s = await EmailDigestScenario.StartAsync(provider);
        var pusher = await s.RegisterEmailPusherAsync(Alice, Address);
        await s.PostMessageAsync("p1", "Project X", "Bob", "before the break", [Alice]);
        s.Advance(TimeSpan.FromMinutes(10));
        Assert.Equal(EmailPass.Sent, await s.ProcessAsync(pusher));

        s.AdvanceTo(EmailDigestScenario.Start + TimeSpan.FromHours(7));
        await s.PostMessageAsync("p1", "Project X", "Bob", "after the break", [Alice]);
        var posted = s.Time.GetUtcNow();
        Assert.Equal(new EmailPass(EmailPassOutcome.Waiting, posted + TimeSpan.FromMinutes(10)), await s.ProcessAsync(pusher));

        s.Advance(TimeSpan.FromMinutes(10));
        Assert.Equal(EmailPass.Sent, await s.ProcessAsync(pusher));
        Assert.Equal(2, (await s.InboxAsync(Address)).Count);
    }

    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task Rooms_mailed_together_have_their_next_digest_together(DatabaseProvider provider)
    {
        await using var s = await EmailDigestScenario.StartAsync(provider);
        var pusher = await s.RegisterEmailPusherAsync(Alice, Address);
        await s.PostMessageAsync("p1", "Project X", "Bob", "x one", [Alice]);
        s.Advance(TimeSpan.FromMinutes(5));
        await s.PostMessageAsync("p2", "Project Y", "Carol", "y one", [Alice]);
        s.Advance(TimeSpan.FromMinutes(5));

        // Project X is due; Project Y (five minutes old) goes in the same email.
        Assert.Equal(EmailPass.Sent, await s.ProcessAsync(pusher));
        var sentAt = s.Time.GetUtcNow();
        var first = Assert.Single(await s.InboxAsync(Address));
        Assert.Equal("[Chat] New messages in Project X and 1 other", first.Subject);
        Assert.True(first.Body.IndexOf("== Project X ==", StringComparison.Ordinal) < first.Body.IndexOf("== Project Y ==", StringComparison.Ordinal));
        var throttles = await s.ThrottlesAsync(pusher);
        Assert.Equal(["p1", "p2"], throttles.Select(t => t.RoomId));
        Assert.All(throttles, t => Assert.Equal((sentAt.ToUnixTimeMilliseconds(), (long)TimeSpan.FromHours(24).TotalMilliseconds), (t.LastSentTs, t.ThrottleMs)));

        s.Advance(TimeSpan.FromHours(2));
        await s.PostMessageAsync("p2", "Project Y", "Carol", "y two", [Alice]);
        s.Advance(TimeSpan.FromHours(1));
        await s.PostMessageAsync("p1", "Project X", "Bob", "x two", [Alice]);
        Assert.Equal(new EmailPass(EmailPassOutcome.Waiting, sentAt + TimeSpan.FromHours(24)), await s.ProcessAsync(pusher));

        s.AdvanceTo(sentAt + TimeSpan.FromHours(24));
        Assert.Equal(EmailPass.Sent, await s.ProcessAsync(pusher));
        var emails = await s.InboxAsync(Address);
        Assert.Equal(2, emails.Count);
        Assert.Contains("x two", emails[1].Body);
        Assert.Contains("y two", emails[1].Body);
    }

    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task A_notification_read_before_the_delay_is_not_mailed(DatabaseProvider provider)
    {
        await using var s = await EmailDigestScenario.StartAsync(provider);
        var pusher = await s.RegisterEmailPusherAsync(Alice, Address);
        var ordering = await s.PostMessageAsync("p1", "Project X", "Bob", "read it in the app", [Alice]);
        s.Advance(TimeSpan.FromMinutes(5));
        await s.ReadAsync(Alice, "p1", ordering);

        s.Advance(TimeSpan.FromMinutes(10));
        Assert.Equal(EmailPass.Idle, await s.ProcessAsync(pusher));

        Assert.Empty(await s.InboxAsync(Address));
        Assert.Equal(ordering, (await s.PusherAsync(pusher))!.LastStreamOrdering);
    }

    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task Another_users_notifications_and_unnamed_brands_stay_out_of_the_digest(DatabaseProvider provider)
    {
        await using var s = await EmailDigestScenario.StartAsync(provider, settings: new Dictionary<string, string?> { ["Push:Email:AppName"] = "Acme" });
        var pusher = await s.RegisterEmailPusherAsync(Alice, Address, brand: "");
        await s.PostMessageAsync("p1", "Project X", "Bob", "for alice", [Alice]);
        await s.PostMessageAsync("p1", "Project X", "Bob", "for dave only", ["@dave:example"]);

        s.Advance(TimeSpan.FromMinutes(10));
        Assert.Equal(EmailPass.Sent, await s.ProcessAsync(pusher));

        var email = Assert.Single(await s.InboxAsync(Address));
        Assert.StartsWith("[Acme] ", email.Subject, StringComparison.Ordinal);
        Assert.Contains("for alice", email.Body);
        Assert.DoesNotContain("for dave only", email.Body);
    }

    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task A_digest_that_cannot_be_sent_is_tried_again_later_and_moves_nothing(DatabaseProvider provider)
    {
        await using var s = await EmailDigestScenario.StartAsync(provider, settings: new Dictionary<string, string?>
        {
            ["Delivery:EmailProvider"] = "smtp",
            ["Providers:Smtp:Host"] = "127.0.0.1",
            ["Providers:Smtp:Port"] = SmtpServer.FreePort().ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Providers:Smtp:Security"] = "None",
            ["Providers:Smtp:Timeout"] = "00:00:05",
        });
        var pusher = await s.RegisterEmailPusherAsync(Alice, Address);
        var before = (await s.PusherAsync(pusher))!.LastStreamOrdering;
        await s.PostMessageAsync("p1", "Project X", "Bob", "nobody is listening", [Alice]);
        s.Advance(TimeSpan.FromMinutes(10));

        var pass = await s.ProcessAsync(pusher);

        Assert.Equal(new EmailPass(EmailPassOutcome.Failed, s.Time.GetUtcNow() + TimeSpan.FromMinutes(10)), pass);
        var stored = (await s.PusherAsync(pusher))!;
        Assert.Equal(before, stored.LastStreamOrdering);
        Assert.Equal(s.Time.GetUtcNow().ToUnixTimeMilliseconds(), stored.FailingSince);
        Assert.Empty(await s.ThrottlesAsync(pusher));
    }
}
