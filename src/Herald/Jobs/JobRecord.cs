using Herald.Services;
using Herald.Templates;

namespace Herald.Jobs;

/// <summary>A bulk job: one template, one uploaded CSV, one notification per row.</summary>
public sealed class JobRecord
{
    public Guid Id { get; set; }

    public Guid ServiceId { get; set; }

    public Guid TemplateId { get; set; }

    /// <summary>The template's version at upload: every row is checked and sent with this one.</summary>
    public int TemplateVersion { get; set; }

    public TemplateType Type { get; set; }

    /// <summary>The API key a job posted to <c>/v2/notifications/bulk</c> came with; null for an admin upload.</summary>
    public Guid? ApiKeyId { get; set; }

    /// <summary>The rows are sent as by this type of key: a test key's rows are simulated, a team key's go only to the team.</summary>
    public KeyType KeyType { get; set; } = KeyType.Normal;

    /// <summary>The uploaded file's name (or the name given with a JSON upload).</summary>
    public required string Name { get; set; }

    /// <summary>One of <see cref="JobStatus"/>.</summary>
    public string Status { get; set; } = JobStatus.Pending;

    /// <summary>Rows in the file, not counting the header or blank rows.</summary>
    public int RowCount { get; set; }

    /// <summary>
    /// Rows already made notifications: rows 0 to this minus one. Moved forward in the same
    /// transaction that inserts a batch, so a batch is either wholly there or not at all.
    /// </summary>
    public int RowsProcessed { get; set; }

    /// <summary>The file as uploaded (decoded to text), kept for processing and for download.</summary>
    public required string Csv { get; set; }

    public DateTime? ScheduledFor { get; set; }

    public DateTime CreatedAt { get; set; }

    public DateTime? StartedAt { get; set; }

    public DateTime? FinishedAt { get; set; }

    /// <summary>The last status change or batch: a job in progress with none for 30 minutes is resumed.</summary>
    public DateTime UpdatedAt { get; set; }

    /// <summary>Why the job ended in <see cref="JobStatus.Error"/> or <see cref="JobStatus.SendingLimitsExceeded"/>.</summary>
    public string? Error { get; set; }
}
