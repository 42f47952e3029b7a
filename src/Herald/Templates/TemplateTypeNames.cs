namespace Herald.Templates;

/// <summary>Template and notification types as the APIs spell them: <c>email</c>, <c>sms</c>.</summary>
public static class TemplateTypeNames
{
    /// <summary>Notify's third type. Herald has no letters yet, so a filter on it is valid and matches nothing.</summary>
    public const string Letter = "letter";

    public static string ApiName(this TemplateType type) => type == TemplateType.Email ? "email" : "sms";

    /// <summary>Whether a list's type filter is one Notify accepts: none, <c>email</c>, <c>sms</c> or <c>letter</c> (which matches nothing here).</summary>
    public static bool IsValidFilter(string name) => name.Length == 0 || name == Letter || Parse(name) is not null;

    public static TemplateType? Parse(string? name) => name switch
    {
        "email" => TemplateType.Email,
        "sms" => TemplateType.Sms,
        _ => null,
    };
}
