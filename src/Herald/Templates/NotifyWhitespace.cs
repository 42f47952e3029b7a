using System.Text;
using System.Text.RegularExpressions;

namespace Herald.Templates;

/// <summary>Notify's whitespace clean-up for subjects, list items and text messages.</summary>
internal static partial class NotifyWhitespace
{
    private const string ZeroWidth = "\u180E\u200B\u200C\u200D\u2060\uFEFF";
    private const char NoBreakSpace = '\u00A0';

    [GeneratedRegex(@"[ \t]+([,.])", RegexOptions.CultureInvariant)]
    private static partial Regex SpaceBeforePunctuation();

    [GeneratedRegex(@"\n{3,}", RegexOptions.CultureInvariant)]
    private static partial Regex ThreeOrMoreNewlines();

    [GeneratedRegex(@"\r\n|[\r\n\v\f\u0085\u2028\u2029\u001C\u001D\u001E]", RegexOptions.CultureInvariant)]
    private static partial Regex LineBreak();

    /// <summary>
    /// One line: no-break spaces become spaces, zero-width characters go, runs of whitespace
    /// (newlines included) become one space, ends trimmed.
    /// </summary>
    public static string Normalise(string value)
    {
        var result = new StringBuilder(value.Length);
        var pendingSpace = false;
        foreach (var c in value)
        {
            if (ZeroWidth.Contains(c, StringComparison.Ordinal))
            {
                continue;
            }

            if (c == NoBreakSpace || char.IsWhiteSpace(c) || c is >= '\u001C' and <= '\u001F')
            {
                pendingSpace = result.Length > 0;
                continue;
            }

            if (pendingSpace)
            {
                result.Append(' ');
                pendingSpace = false;
            }

            result.Append(c);
        }

        return result.ToString();
    }

    /// <summary>Removes zero-width and no-break spaces, then trims ASCII whitespace.</summary>
    public static string StripAndRemoveObscure(string value)
    {
        var result = new StringBuilder(value.Length);
        foreach (var c in value)
        {
            if (c != NoBreakSpace && !ZeroWidth.Contains(c, StringComparison.Ordinal))
            {
                result.Append(c);
            }
        }

        return result.ToString().Trim(' ', '\t', '\n', '\r', '\v', '\f');
    }

    /// <summary>
    /// A text message as Notify sends it: no spaces before ',' or '.', each line normalised,
    /// at most one blank line in a row, ends trimmed.
    /// </summary>
    public static string NormaliseSms(string value)
    {
        var text = SpaceBeforePunctuation().Replace(value, "$1");
        var lines = LineBreak().Split(text).Select(Normalise);
        text = string.Join('\n', lines);
        return ThreeOrMoreNewlines().Replace(text, "\n\n").Trim();
    }

    /// <summary>Turns CRLF and lone CR into LF.</summary>
    public static string UnixNewlines(string value) =>
        value.Contains('\r', StringComparison.Ordinal)
            ? value.Replace("\r\n", "\n", StringComparison.Ordinal).Replace('\r', '\n')
            : value;
}
