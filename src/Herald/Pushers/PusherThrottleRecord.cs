namespace Herald.Pushers;

/// <summary>Per pusher and room: when it was last mailed about and how long until the next may be (the email pusher's throttle).</summary>
public sealed class PusherThrottleRecord
{
    public Guid PusherId { get; set; }

    public required string RoomId { get; set; }

    /// <summary>Unix milliseconds.</summary>
    public long LastSentTs { get; set; }

    public long ThrottleMs { get; set; }
}
