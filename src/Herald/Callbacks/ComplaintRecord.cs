namespace Herald.Callbacks;

/// <summary>A recipient marked an email as spam (a provider's complaint event); one per notification.</summary>
public sealed class ComplaintRecord
{
    public Guid Id { get; set; }

    public Guid NotificationId { get; set; }

    public Guid ServiceId { get; set; }

    /// <summary>The provider's word for it, e.g. <c>complained</c>.</summary>
    public required string ComplaintType { get; set; }

    public DateTime ComplaintDate { get; set; }

    public DateTime CreatedAt { get; set; }
}
