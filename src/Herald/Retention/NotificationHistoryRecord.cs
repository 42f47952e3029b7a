using Herald.Services;
using Herald.Templates;

namespace Herald.Retention;

/// <summary>
/// A notification past its service's retention: what statistics and audit need, and nothing
/// personal: no recipient, personalisation, body or subject (both rendered with the personalisation).
/// </summary>
public sealed class NotificationHistoryRecord
{
    public Guid Id { get; set; }

    public Guid ServiceId { get; set; }

    public Guid TemplateId { get; set; }

    public int TemplateVersion { get; set; }

    public Guid ApiKeyId { get; set; }

    public KeyType KeyType { get; set; }

    public TemplateType Type { get; set; }

    public string? Reference { get; set; }

    public Guid? JobId { get; set; }

    public int? JobRowNumber { get; set; }

    public required string Status { get; set; }

    public bool International { get; set; }

    public int BillableUnits { get; set; }

    public string? ProviderName { get; set; }

    public string? ProviderReference { get; set; }

    public DateTime CreatedAt { get; set; }

    public DateTime? SentAt { get; set; }

    public DateTime? CompletedAt { get; set; }
}
