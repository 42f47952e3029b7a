namespace Herald.Pushers.Http;

/// <summary>How one request to a push gateway went.</summary>
internal enum HttpPushOutcome
{
    Delivered,

    /// <summary>Delivered, and the gateway answered that our pushkey is no longer valid.</summary>
    Rejected,

    /// <summary>5xx, 408, 429, timeout or connection failure: the gateway's trouble; try again later.</summary>
    Failed,

    /// <summary>Another 4xx, or a notification that cannot be built: this event's trouble; tried a few times, then parked.</summary>
    EventRefused,

    /// <summary>The URL now resolves somewhere Herald may not call.</summary>
    Refused,
}
