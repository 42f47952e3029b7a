namespace Herald.Pushers.Http;

/// <summary>How one request to a push gateway went.</summary>
internal enum HttpPushOutcome
{
    Delivered,

    /// <summary>Delivered, and the gateway answered that our pushkey is no longer valid.</summary>
    Rejected,

    /// <summary>Non-2xx, timeout or connection failure: try again later.</summary>
    Failed,

    /// <summary>The URL now resolves somewhere Herald may not call.</summary>
    Refused,
}
