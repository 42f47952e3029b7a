namespace Herald.Templates;

/// <summary>A template's identity and current version; its content lives in <see cref="TemplateVersionRecord"/>.</summary>
public sealed class TemplateRecord
{
    public Guid Id { get; set; }

    public Guid ServiceId { get; set; }

    public required string Name { get; set; }

    public TemplateType Type { get; set; }

    public int Version { get; set; }

    public bool Archived { get; set; }

    public DateTime CreatedAt { get; set; }

    public DateTime? UpdatedAt { get; set; }
}
