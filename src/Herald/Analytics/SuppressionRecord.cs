namespace Herald.Analytics;

/// <summary>
/// An address a service no longer sends to (<c>suppressions</c>): its recipient unsubscribed,
/// complained, or its mailbox bounced for good. Later sends to it end at once in
/// <c>permanent-failure</c> without a provider call, until an operator lifts it.
/// </summary>
public sealed class SuppressionRecord
{
    public Guid ServiceId { get; set; }

    /// <summary>The normalised address, as notifications keep it.</summary>
    public required string Address { get; set; }

    /// <summary><see cref="SuppressionReasons"/>.</summary>
    public required string Reason { get; set; }

    /// <summary>The notification whose event caused it.</summary>
    public Guid NotificationId { get; set; }

    public DateTime CreatedAt { get; set; }
}
