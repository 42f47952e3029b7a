using Herald.Pushers.Email;

namespace Herald.Tests.Pushers.Email;

public sealed class DigestBuilderTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 23, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public void One_message_names_its_sender_and_room()
    {
        var alice = Message(1, "p1", "Project X", "Alice", 0);

        var digest = DigestBuilder.Build("App", [alice], alice, "https://h/u");

        Assert.Equal("[App] You have a message from Alice in Project X", digest.Subject);
        Assert.Equal("1 unread message in Project X", digest.Summary);
    }

    [Fact]
    public void Several_messages_from_one_sender_are_counted()
    {
        var messages = new[] { Message(3, "p1", "Project X", "Alice", 2), Message(2, "p1", "Project X", "Alice", 1), Message(1, "p1", "Project X", "Alice", 0) };

        var digest = DigestBuilder.Build("App", messages, messages[0], "https://h/u");

        Assert.Equal("[App] You have 3 messages from Alice in Project X", digest.Subject);
    }

    [Fact]
    public void Several_senders_in_one_room_are_new_messages_in_it()
    {
        var messages = new[] { Message(2, "p1", "Project X", "Bob", 1), Message(1, "p1", "Project X", "Alice", 0) };

        var digest = DigestBuilder.Build("App", messages, messages[0], "https://h/u");

        Assert.Equal("[App] New messages in Project X", digest.Subject);
    }

    [Fact]
    public void Several_rooms_name_the_reason_room_and_count_the_others()
    {
        var reason = Message(1, "p1", "Project X", "Alice", 0);
        var messages = new[] { Message(4, "p3", "Project Z", "Carol", 30), Message(3, "p2", "Project Y", "Bob", 20), Message(2, "p2", "Project Y", "Bob", 10), reason };

        var digest = DigestBuilder.Build("App", messages, reason, "https://h/u");

        Assert.Equal("[App] New messages in Project X and 2 others", digest.Subject);
        Assert.Equal("4 unread messages in 3 rooms", digest.Summary);
    }

    [Fact]
    public void The_reason_room_comes_first_then_rooms_by_most_recent_activity()
    {
        var reason = Message(1, "p1", "Project X", "Alice", 0);
        var messages = new[] { Message(4, "p2", "Project Y", "Bob", 40), Message(3, "p3", "Project Z", "Carol", 30), Message(2, "p2", "Project Y", "Bob", 10), reason };

        var digest = DigestBuilder.Build("App", messages, reason, "https://h/u");

        Assert.Equal(["Project X", "Project Y", "Project Z"], digest.Rooms.Select(r => r.Name));
        Assert.True(digest.Rooms[0].IsReason);
        Assert.Equal(["10", "40"], digest.Rooms[1].Messages.Select(m => m.Body));
    }

    [Fact]
    public void A_mention_says_who_mentioned_you()
    {
        var mention = Message(2, "p1", "Project X", "Alice", 1, highlight: true);
        var other = Message(1, "p2", "Project Y", "Bob", 0);

        var alone = DigestBuilder.Build("App", [mention], mention, "https://h/u");
        var withOthers = DigestBuilder.Build("App", [mention, other], mention, "https://h/u");

        Assert.Equal("[App] Alice mentioned you in Project X", alone.Subject);
        Assert.Equal("[App] Alice mentioned you in Project X, and new messages in 1 other", withOthers.Subject);
    }

    [Fact]
    public void Without_display_name_or_room_name_the_ids_are_shown()
    {
        var bare = new UnreadNotification(1, "!room:example", null, "$e1", "@alice:example", " ", "m.room.message", "hi", false, T0);

        var digest = DigestBuilder.Build("App", [bare], bare, "https://h/u");

        Assert.Equal("[App] You have a message from @alice:example in !room:example", digest.Subject);
    }

    [Fact]
    public void A_line_break_in_a_name_does_not_reach_the_subject()
    {
        var sneaky = Message(1, "p1", "Project\r\nBcc: victim@example.com", "Alice", 0);

        var digest = DigestBuilder.Build("App", [sneaky], sneaky, "https://h/u");

        Assert.DoesNotContain('\n', digest.Subject);
        Assert.DoesNotContain('\r', digest.Subject);
    }

    [Fact]
    public void A_long_body_is_cut_and_an_event_without_body_shows_its_type()
    {
        var longOne = Message(2, "p1", "Project X", "Alice", 1) with { Body = new string('x', 2000) };
        var noBody = Message(1, "p1", "Project X", "Alice", 0) with { Body = null, Type = "m.call.invite" };

        var digest = DigestBuilder.Build("App", [longOne, noBody], longOne, "https://h/u");

        Assert.Equal(["[m.call.invite]", new string('x', DigestBuilder.MaxBodyLength) + "…"], digest.Rooms[0].Messages.Select(m => m.Body));
    }

    private static UnreadNotification Message(long ordering, string room, string roomName, string sender, int minutes, bool highlight = false) =>
        new(ordering, room, roomName, $"$e{ordering}", sender.ToLowerInvariant(), sender, "m.room.message",
            minutes.ToString(System.Globalization.CultureInfo.InvariantCulture), highlight, T0 + TimeSpan.FromMinutes(minutes));
}
