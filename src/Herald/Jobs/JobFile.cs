using Herald.Templates;

namespace Herald.Jobs;

/// <summary>What a job's file may be, and how its header names the recipient column.</summary>
public static class JobFile
{
    /// <summary>Notify's limit for one file.</summary>
    public const int MaxRows = 100_000;

    /// <summary>Row errors listed in a refusal; the rest are counted.</summary>
    public const int MaxListedErrors = 100;

    public const int MaxNameLength = 255;

    /// <summary>The recipient column's name for a template type, in Notify's spelling (matched ignoring case, spaces, '_' and '-').</summary>
    public static string RecipientColumn(TemplateType type) => type == TemplateType.Email ? "email address" : "phone number";
}
