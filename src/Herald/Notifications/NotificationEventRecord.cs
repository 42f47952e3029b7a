namespace Herald.Notifications;

/// <summary>
/// Something that happened to a notification after it was sent and that its own row does not keep:
/// a provider's receipt as it arrived, or a callback made to its service. The admin UI's timeline
/// reads them beside the row's created, sent and completed times.
/// </summary>
public sealed class NotificationEventRecord
{
    public long Id { get; set; }

    public Guid NotificationId { get; set; }

    public DateTime At { get; set; }

    /// <summary>One of <see cref="NotificationEventKinds"/>.</summary>
    public required string Kind { get; set; }

    public required string Detail { get; set; }
}

public static class NotificationEventKinds
{
    public const string Receipt = "receipt";
    public const string Callback = "callback";

    /// <summary>A send that did not go out: the service suppressed the address.</summary>
    public const string Suppressed = "suppressed";
}
