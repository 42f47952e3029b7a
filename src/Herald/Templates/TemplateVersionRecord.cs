namespace Herald.Templates;

/// <summary>One immutable version of a template; a notification records the version it was sent with.</summary>
public sealed class TemplateVersionRecord
{
    public Guid TemplateId { get; set; }

    public int Version { get; set; }

    public required string Name { get; set; }

    public string? Subject { get; set; }

    public required string Body { get; set; }

    public DateTime CreatedAt { get; set; }

    public string? CreatedBy { get; set; }
}
