namespace Herald.Notifications;

/// <summary>An inbound SMS to one of a service's numbers (providers fill this table).</summary>
public sealed class ReceivedTextRecord
{
    public Guid Id { get; set; }

    public Guid ServiceId { get; set; }

    public required string UserNumber { get; set; }

    public required string NotifyNumber { get; set; }

    public required string Content { get; set; }

    public string? ProviderReference { get; set; }

    public DateTime CreatedAt { get; set; }
}
