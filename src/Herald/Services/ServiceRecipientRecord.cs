namespace Herald.Services;

/// <summary>A team member or guest-list entry: who a trial service or a team key may send to.</summary>
public sealed class ServiceRecipientRecord
{
    public long Id { get; set; }

    public Guid ServiceId { get; set; }

    public ServiceRecipientKind Kind { get; set; }

    /// <summary>Normalised email address (lower case) or phone number (E.164 without '+').</summary>
    public required string NormalisedTo { get; set; }

    public DateTime CreatedAt { get; set; }
}
