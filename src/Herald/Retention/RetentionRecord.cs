using Herald.Templates;

namespace Herald.Retention;

/// <summary>How many days a service keeps one channel's notifications before they move to history. Absent: <see cref="RetentionOptions.DefaultDays"/>.</summary>
public sealed class RetentionRecord
{
    public Guid ServiceId { get; set; }

    public TemplateType Type { get; set; }

    public int Days { get; set; }

    public DateTime UpdatedAt { get; set; }
}
