namespace Herald.Pushers.WebPush;

/// <summary>What the push service made of one message.</summary>
public enum WebPushOutcome
{
    /// <summary>Accepted (2xx): the push service will deliver it.</summary>
    Delivered,

    /// <summary>404 or 410: the subscription expired or was unsubscribed; remove it.</summary>
    Gone,

    /// <summary>429, 5xx, a timeout or a connection error: try again later.</summary>
    Retry,

    /// <summary>Any other refusal (other 4xx, a redirect, a target Herald may not call): log it, do not retry this message.</summary>
    Rejected,
}
