namespace Herald.Pushers.Email;

/// <summary>A room's throttle for one pusher: the next email about the room waits until <c>LastSentAt + Throttle</c>.</summary>
public sealed record RoomThrottle(DateTimeOffset LastSentAt, TimeSpan Throttle)
{
    public DateTimeOffset ReadyAt => LastSentAt + Throttle;
}
