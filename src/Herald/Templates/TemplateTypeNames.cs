namespace Herald.Templates;

/// <summary>Template and notification types as the APIs spell them: <c>email</c>, <c>sms</c>.</summary>
public static class TemplateTypeNames
{
    /// <summary>Notify's third type. Herald has no letters yet, so a filter on it is valid and matches nothing.</summary>
    public const string Letter = "letter";

    public static string ApiName(this TemplateType type) => type == TemplateType.Email ? "email" : "sms";

    public static TemplateType? Parse(string? name) => name switch
    {
        "email" => TemplateType.Email,
        "sms" => TemplateType.Sms,
        _ => null,
    };
}
