namespace Herald.Recipients;

/// <summary>
/// Whitespace Notify forgives in recipients: ASCII whitespace plus characters that arrive pasted from
/// spreadsheets and web pages and cannot be seen.
/// </summary>
internal static class RecipientWhitespace
{
    /// <summary>Invisible characters, removed wherever they appear.</summary>
    public const string ZeroWidth =
        "\u180E" // Mongolian vowel separator
        + "\u200B" // zero width space
        + "\u200C" // zero width non-joiner
        + "\u200D" // zero width joiner
        + "\u2060" // word joiner
        + "\uFEFF" // zero width no-break space (byte order mark)
        + "\u2028" // line separator
        + "\u2029"; // paragraph separator

    /// <summary>Every character treated as whitespace: ASCII whitespace, the zero-width set and no-break spaces.</summary>
    public const string All = " \t\n\r\v\f" + ZeroWidth + "\u00A0\u202F";

    public static string RemoveZeroWidth(string value)
    {
        if (value.AsSpan().IndexOfAny(ZeroWidth) < 0)
        {
            return value;
        }

        return string.Concat(value.Split(ZeroWidth.ToCharArray()));
    }
}
