using System.Globalization;

namespace Herald.AdminUi.Operations;

/// <summary>How the operations pages write long identifiers and times.</summary>
public static class DisplayText
{
    /// <summary>The start and end of a long value (a pushkey, a web push endpoint) with an ellipsis between.</summary>
    public static string Shorten(string? value, int keep = 12)
    {
        if (string.IsNullOrEmpty(value) || value.Length <= (keep * 2) + 1)
        {
            return value ?? "";
        }

        return string.Concat(value.AsSpan(0, keep), "…", value.AsSpan(value.Length - keep));
    }

    public static string Time(DateTimeOffset value) => value.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss 'UTC'", CultureInfo.InvariantCulture);

    public static string Time(DateTime utc) => Time(new DateTimeOffset(DateTime.SpecifyKind(utc, DateTimeKind.Utc)));

    /// <summary>Unix milliseconds, or a dash for none.</summary>
    public static string UnixTime(long? milliseconds) => milliseconds is { } ms ? Time(DateTimeOffset.FromUnixTimeMilliseconds(ms)) : "–";

    /// <summary>An admin API time (ISO 8601, as <c>ApiTime</c> writes it).</summary>
    public static string ApiTime(string value) =>
        DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed) ? Time(parsed) : value;
}
