namespace Herald.Pushers;

/// <summary>One of a user's delivery targets: a push gateway registration, an email address or a web push subscription.</summary>
public sealed class PusherRecord
{
    public Guid Id { get; set; }

    public Guid ServiceId { get; set; }

    public required string UserId { get; set; }

    /// <summary><c>http</c>, <c>email</c> or <c>webpush</c> (see <see cref="PusherKinds"/>).</summary>
    public required string Kind { get; set; }

    public required string AppId { get; set; }

    public required string Pushkey { get; set; }

    /// <summary>Unix milliseconds when the pushkey was last registered.</summary>
    public long PushkeyTs { get; set; }

    public string? AppDisplayName { get; set; }

    public string? DeviceDisplayName { get; set; }

    public string? Lang { get; set; }

    /// <summary>Kind-specific settings (JSON object): url and format for http, endpoint and keys for webpush, brand...</summary>
    public required string Data { get; set; }

    /// <summary>The last stream ordering this pusher has dealt with (sent, given up on or skipped as read).</summary>
    public long LastStreamOrdering { get; set; }

    /// <summary>Unix milliseconds of the last successful delivery.</summary>
    public long? LastSuccess { get; set; }

    /// <summary>Unix milliseconds since when deliveries have been failing, or null.</summary>
    public long? FailingSince { get; set; }

    public bool Enabled { get; set; } = true;

    /// <summary>Events this pusher could not deliver and moved past (see <see cref="InOrderRetry"/>).</summary>
    public long ParkedEvents { get; set; }

    /// <summary>Unix milliseconds when the last event was parked, or null.</summary>
    public long? LastParkedAt { get; set; }

    public string? LastParkedEventId { get; set; }

    /// <summary>Why the last parked event could not be delivered (the gateway's answer, or the failure).</summary>
    public string? LastParkedReason { get; set; }

    public long CreatedTs { get; set; }

    /// <summary>The process running this pusher's loop (PostgreSQL: one loop per pusher cluster-wide).</summary>
    public string? LeaseOwner { get; set; }

    /// <summary>Unix milliseconds when the lease lapses unless renewed; null when no loop runs.</summary>
    public long? LeaseUntil { get; set; }
}
