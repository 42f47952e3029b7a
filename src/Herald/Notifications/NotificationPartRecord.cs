namespace Herald.Notifications;

/// <summary>
/// One part of an SMS that its provider sent as several messages, each with its own reference and
/// receipts (Vonage). The notification's status follows from its parts': delivered once every part
/// is, failed as soon as one part fails.
/// </summary>
public sealed class NotificationPartRecord
{
    public Guid NotificationId { get; set; }

    /// <summary>1 for the first part, whose reference is also the notification's <c>provider_reference</c>.</summary>
    public int Part { get; set; }

    public required string Reference { get; set; }

    /// <summary>The part's latest status (Herald's word, e.g. <c>delivered</c>); null until its first receipt.</summary>
    public string? Status { get; set; }
}
