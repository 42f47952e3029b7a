using Herald.Services;
using Herald.Templates;

namespace Herald.Notifications;

public sealed class NotificationRecord
{
    public Guid Id { get; set; }

    public Guid ServiceId { get; set; }

    public Guid TemplateId { get; set; }

    public int TemplateVersion { get; set; }

    public Guid ApiKeyId { get; set; }

    public KeyType KeyType { get; set; }

    public TemplateType Type { get; set; }

    /// <summary>The recipient as the caller gave it.</summary>
    public required string To { get; set; }

    /// <summary>Lower-cased email or E.164 phone without '+', for search.</summary>
    public required string NormalisedTo { get; set; }

    public string? Reference { get; set; }

    /// <summary>The bulk job that created the notification, and its row in the job's file; null for a single send.</summary>
    public Guid? JobId { get; set; }

    public int? JobRowNumber { get; set; }

    /// <summary>Created with the record; every later change goes through <see cref="NotificationStatusUpdater"/>.</summary>
    public string Status { get; set; } = NotificationStatus.Created;

    /// <summary>The rendered body (markdown for email, with prefix for SMS) and subject, as answered by the API.</summary>
    public required string Body { get; set; }

    public string? Subject { get; set; }

    /// <summary>The personalisation as sent, encrypted (<see cref="PersonalisationProtector"/>), for rendering the email's HTML at delivery.</summary>
    public string? Personalisation { get; set; }

    public string? OneClickUnsubscribeUrl { get; set; }

    public bool International { get; set; }

    /// <summary>SMS fragments, the billable unit.</summary>
    public int BillableUnits { get; set; }

    public string? ProviderName { get; set; }

    public string? ProviderReference { get; set; }

    public DateTime CreatedAt { get; set; }

    public DateTime? SentAt { get; set; }

    public DateTime? CompletedAt { get; set; }
}
