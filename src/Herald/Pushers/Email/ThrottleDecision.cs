namespace Herald.Pushers.Email;

/// <summary>
/// What one pass of the email pusher does: send one email (<see cref="Reason"/> is the notification
/// that became due), wait until <see cref="WakeAt"/>, or nothing when there is nothing unread.
/// </summary>
public sealed record ThrottleDecision(UnreadNotification? Reason, DateTimeOffset? WakeAt)
{
    public static readonly ThrottleDecision Nothing = new(null, null);

    public bool Send => Reason is not null;
}
