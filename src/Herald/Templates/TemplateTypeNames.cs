namespace Herald.Templates;

/// <summary>Template and notification types as the APIs spell them: <c>email</c>, <c>sms</c>.</summary>
public static class TemplateTypeNames
{
    public static string ApiName(this TemplateType type) => type == TemplateType.Email ? "email" : "sms";

    public static TemplateType? Parse(string? name) => name switch
    {
        "email" => TemplateType.Email,
        "sms" => TemplateType.Sms,
        _ => null,
    };
}
