namespace Herald.Templates;

/// <summary>The channels a template can be written for.</summary>
public enum TemplateType
{
    Email,
    Sms,
}
