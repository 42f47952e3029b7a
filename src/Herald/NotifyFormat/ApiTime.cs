using System.Globalization;

namespace Herald.NotifyFormat;

/// <summary>Times as Notify writes them: ISO 8601, UTC, microseconds, 'Z'.</summary>
internal static class ApiTime
{
    public static string Format(DateTime utc) =>
        DateTime.SpecifyKind(utc, DateTimeKind.Utc).ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture);

    public static string? Format(DateTime? utc) => utc is { } u ? Format(u) : null;
}
