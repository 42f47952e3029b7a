namespace Herald.Pushers.Email;

/// <summary>
/// The digest throttle, a pure function of the clock. A notification may be mailed at
/// <c>max(received + Delay, room.LastSentAt + room.Throttle)</c>; a room idle for longer than
/// <see cref="EmailPusherOptions.ResetAfterIdle"/> ignores its throttle (back to the plain delay).
/// </summary>
public sealed class EmailThrottle(EmailPusherOptions options)
{
    /// <summary>Decides one pass.</summary>
    /// <param name="unread">The newest unread notifications, newest first.</param>
    /// <param name="throttles">Each room's throttle; a room without one has never been mailed.</param>
    /// <param name="previousActivity">Per room, when the user's latest notification in it before the oldest of <paramref name="unread"/> arrived, read or not.</param>
    /// <param name="now">The clock.</param>
    public ThrottleDecision Decide(
        IReadOnlyList<UnreadNotification> unread,
        IReadOnlyDictionary<string, RoomThrottle> throttles,
        IReadOnlyDictionary<string, DateTimeOffset> previousActivity,
        DateTimeOffset now)
    {
        DateTimeOffset? soonest = null;
        foreach (var notification in unread)
        {
            var dueAt = DueAt(notification, unread, throttles, previousActivity);
            if (dueAt <= now)
            {
                // One email carries every unread notification, whichever became due.
                return new ThrottleDecision(notification, null);
            }

            if (soonest is null || dueAt < soonest)
            {
                soonest = dueAt;
            }
        }

        return soonest is null ? ThrottleDecision.Nothing : new ThrottleDecision(null, soonest);
    }

    /// <summary>
    /// The throttle of every room in an email just sent, all from the same instant, so the rooms'
    /// next emails line up into one digest instead of one a room ("synchronise throttles").
    /// </summary>
    public IReadOnlyDictionary<string, RoomThrottle> AfterSending(IEnumerable<UnreadNotification> sent, DateTimeOffset now) =>
        sent.Select(n => n.RoomId).Distinct(StringComparer.Ordinal)
            .ToDictionary(room => room, _ => new RoomThrottle(now, options.RoomThrottle), StringComparer.Ordinal);

    private DateTimeOffset DueAt(
        UnreadNotification notification,
        IReadOnlyList<UnreadNotification> unread,
        IReadOnlyDictionary<string, RoomThrottle> throttles,
        IReadOnlyDictionary<string, DateTimeOffset> previousActivity)
    {
        var delayedUntil = notification.ReceivedAt + options.Delay;
        if (!throttles.TryGetValue(notification.RoomId, out var throttle))
        {
            return delayedUntil;
        }

        var previous = PreviousInRoom(notification, unread)
            ?? (previousActivity.TryGetValue(notification.RoomId, out var before) ? before : throttle.LastSentAt);
        if (notification.ReceivedAt - previous > options.ResetAfterIdle)
        {
            return delayedUntil;
        }

        return throttle.ReadyAt > delayedUntil ? throttle.ReadyAt : delayedUntil;
    }

    private static DateTimeOffset? PreviousInRoom(UnreadNotification notification, IReadOnlyList<UnreadNotification> unread)
    {
        DateTimeOffset? previous = null;
        foreach (var other in unread)
        {
            if (other.RoomId == notification.RoomId && other.StreamOrdering < notification.StreamOrdering && (previous is null || other.ReceivedAt > previous))
            {
                previous = other.ReceivedAt;
            }
        }

        return previous;
    }
}
