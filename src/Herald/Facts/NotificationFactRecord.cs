using Herald.Services;
using Herald.Templates;

namespace Herald.Facts;

/// <summary>How many notifications of one kind were created on a UTC day, counted from the hot table and history together (Notify's <c>ft_notification_status</c>).</summary>
public sealed class NotificationFactRecord
{
    public DateOnly Day { get; set; }

    public Guid ServiceId { get; set; }

    public Guid TemplateId { get; set; }

    /// <summary>The bulk job the notifications came from; <see cref="Guid.Empty"/> for single sends (as Notify's facts write it).</summary>
    public Guid JobId { get; set; }

    public TemplateType Type { get; set; }

    public KeyType KeyType { get; set; }

    public required string Status { get; set; }

    public int Count { get; set; }
}
