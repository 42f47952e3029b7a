using Herald.Pushers.Email;

namespace Herald.Tests.Pushers.Email;

public sealed class EmailThrottleTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 23, 9, 0, 0, TimeSpan.Zero);
    private static readonly Dictionary<string, RoomThrottle> NoThrottles = [];
    private static readonly Dictionary<string, DateTimeOffset> NoActivity = [];

    private readonly EmailThrottle _throttle = new(new EmailPusherOptions());

    [Fact]
    public void A_notification_waits_the_delay_before_it_may_be_mailed()
    {
        var unread = new[] { Notification(1, "room-a", T0) };

        var early = _throttle.Decide(unread, NoThrottles, NoActivity, T0 + TimeSpan.FromMinutes(9));
        var due = _throttle.Decide(unread, NoThrottles, NoActivity, T0 + TimeSpan.FromMinutes(10));

        Assert.False(early.Send);
        Assert.Equal(T0 + TimeSpan.FromMinutes(10), early.WakeAt);
        Assert.Same(unread[0], due.Reason);
    }

    [Fact]
    public void After_an_email_about_a_room_the_next_waits_a_day()
    {
        var sentAt = T0 + TimeSpan.FromMinutes(10);
        var throttles = _throttle.AfterSending([Notification(1, "room-a", T0)], sentAt);
        var unread = new[] { Notification(2, "room-a", T0 + TimeSpan.FromHours(1)) };
        var activity = new Dictionary<string, DateTimeOffset> { ["room-a"] = T0 };

        var later = _throttle.Decide(unread, throttles, activity, T0 + TimeSpan.FromHours(2));
        var due = _throttle.Decide(unread, throttles, activity, sentAt + TimeSpan.FromHours(24));

        Assert.Equal(sentAt + TimeSpan.FromHours(24), later.WakeAt);
        Assert.True(due.Send);
    }

    [Fact]
    public void A_room_idle_for_six_hours_is_back_to_the_ten_minute_delay()
    {
        var sentAt = T0 + TimeSpan.FromMinutes(10);
        var throttles = _throttle.AfterSending([Notification(1, "room-a", T0)], sentAt);
        var received = T0 + TimeSpan.FromHours(7);
        var unread = new[] { Notification(2, "room-a", received) };
        var activity = new Dictionary<string, DateTimeOffset> { ["room-a"] = T0 };

        var decision = _throttle.Decide(unread, throttles, activity, received);

        Assert.Equal(received + TimeSpan.FromMinutes(10), decision.WakeAt);
    }

    [Fact]
    public void A_room_active_within_six_hours_keeps_its_throttle()
    {
        var sentAt = T0 + TimeSpan.FromMinutes(10);
        var throttles = _throttle.AfterSending([Notification(1, "room-a", T0)], sentAt);

        // Seven hours after the mailed message, but the room was busy five hours in (read or not).
        var unread = new[] { Notification(3, "room-a", T0 + TimeSpan.FromHours(7)) };
        var activity = new Dictionary<string, DateTimeOffset> { ["room-a"] = T0 + TimeSpan.FromHours(5) };

        var decision = _throttle.Decide(unread, throttles, activity, T0 + TimeSpan.FromHours(8));

        Assert.Equal(sentAt + TimeSpan.FromHours(24), decision.WakeAt);
    }

    [Fact]
    public void Idleness_counts_from_the_previous_unread_notification_in_the_same_room()
    {
        var sentAt = T0 + TimeSpan.FromMinutes(10);
        var throttles = _throttle.AfterSending([Notification(1, "room-a", T0)], sentAt);
        var unread = new[]
        {
            Notification(3, "room-a", T0 + TimeSpan.FromHours(3)),
            Notification(2, "room-a", T0 + TimeSpan.FromHours(1)),
        };
        var activity = new Dictionary<string, DateTimeOffset> { ["room-a"] = T0 };

        var decision = _throttle.Decide(unread, throttles, activity, T0 + TimeSpan.FromHours(12));

        Assert.False(decision.Send);
        Assert.Equal(sentAt + TimeSpan.FromHours(24), decision.WakeAt);
    }

    [Fact]
    public void After_sending_every_room_in_the_email_has_the_same_throttle()
    {
        var sentAt = T0 + TimeSpan.FromMinutes(10);
        var sent = new[] { Notification(3, "room-b", T0 + TimeSpan.FromMinutes(5)), Notification(2, "room-a", T0), Notification(1, "room-a", T0) };

        var throttles = _throttle.AfterSending(sent, sentAt);

        Assert.Equal(["room-a", "room-b"], throttles.Keys.Order(StringComparer.Ordinal));
        Assert.All(throttles.Values, t => Assert.Equal(new RoomThrottle(sentAt, TimeSpan.FromHours(24)), t));
    }

    [Fact]
    public void When_nothing_is_due_the_soonest_time_is_answered()
    {
        var sentAt = T0;
        var throttles = new Dictionary<string, RoomThrottle> { ["room-a"] = new(sentAt, TimeSpan.FromHours(24)) };
        var activity = new Dictionary<string, DateTimeOffset> { ["room-a"] = T0 };
        var unread = new[]
        {
            Notification(3, "room-b", T0 + TimeSpan.FromHours(2)),
            Notification(2, "room-a", T0 + TimeSpan.FromHours(1)),
        };

        var decision = _throttle.Decide(unread, throttles, activity, T0 + TimeSpan.FromHours(2));

        Assert.False(decision.Send);
        Assert.Equal(T0 + TimeSpan.FromHours(2) + TimeSpan.FromMinutes(10), decision.WakeAt);
    }

    [Fact]
    public void One_due_notification_sends_even_when_other_rooms_are_throttled()
    {
        var throttles = new Dictionary<string, RoomThrottle> { ["room-a"] = new(T0, TimeSpan.FromHours(24)) };
        var activity = new Dictionary<string, DateTimeOffset> { ["room-a"] = T0 };
        var due = Notification(2, "room-b", T0 + TimeSpan.FromHours(1));
        var unread = new[] { Notification(3, "room-a", T0 + TimeSpan.FromHours(2)), due };

        var decision = _throttle.Decide(unread, throttles, activity, T0 + TimeSpan.FromHours(3));

        Assert.Same(due, decision.Reason);
    }

    [Fact]
    public void Nothing_unread_is_nothing_to_do()
    {
        var decision = _throttle.Decide([], NoThrottles, NoActivity, T0);

        Assert.Equal(ThrottleDecision.Nothing, decision);
    }

    [Fact]
    public void The_constants_come_from_the_options()
    {
        var throttle = new EmailThrottle(new EmailPusherOptions
        {
            Delay = TimeSpan.FromMinutes(1),
            RoomThrottle = TimeSpan.FromHours(1),
            ResetAfterIdle = TimeSpan.FromMinutes(30),
        });
        var throttles = throttle.AfterSending([Notification(1, "room-a", T0)], T0 + TimeSpan.FromMinutes(1));
        var activity = new Dictionary<string, DateTimeOffset> { ["room-a"] = T0 };

        var first = throttle.Decide([Notification(1, "room-a", T0)], NoThrottles, NoActivity, T0);
        var throttled = throttle.Decide([Notification(2, "room-a", T0 + TimeSpan.FromMinutes(10))], throttles, activity, T0 + TimeSpan.FromMinutes(10));
        var reset = throttle.Decide([Notification(2, "room-a", T0 + TimeSpan.FromMinutes(40))], throttles, activity, T0 + TimeSpan.FromMinutes(40));

        Assert.Equal(T0 + TimeSpan.FromMinutes(1), first.WakeAt);
        Assert.Equal(T0 + TimeSpan.FromMinutes(61), throttled.WakeAt);
        Assert.Equal(T0 + TimeSpan.FromMinutes(41), reset.WakeAt);
    }

    internal static UnreadNotification Notification(long ordering, string room, DateTimeOffset received, string sender = "alice", bool highlight = false) =>
        new(ordering, room, null, $"$e{ordering}", sender, null, "m.room.message", "hello", highlight, received);
}
