using System.Text;
using System.Text.RegularExpressions;

namespace Herald.Templates;

/// <summary>Notify's placeholder syntax and its key-matching rule.</summary>
internal static partial class PlaceholderSyntax
{
    // As Notify: "((" then one or more characters that are not brackets, then "))". In "(((url)))"
    // the placeholder is the inner "((url))", leaving the outer brackets as text.
    [GeneratedRegex(@"\(\(([^()]+)\)\)", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();

    private const string ConditionalSeparator = "??";

    public static IEnumerable<PlaceholderMatch> Matches(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            yield break;
        }

        foreach (Match match in Pattern().Matches(text))
        {
            var inner = match.Groups[1].Value;
            var separator = inner.IndexOf(ConditionalSeparator, StringComparison.Ordinal);
            yield return separator < 0
                ? new PlaceholderMatch(match.Index, match.Length, inner, null)
                : new PlaceholderMatch(
                    match.Index,
                    match.Length,
                    inner[..separator],
                    inner[(separator + ConditionalSeparator.Length)..]);
        }
    }

    /// <summary>
    /// The key a name matches on: case-insensitive, ignoring spaces, underscores and hyphens, so
    /// "First name", "first_name" and "FIRST-NAME" are the same placeholder.
    /// </summary>
    public static string Key(string name)
    {
        var key = new StringBuilder(name.Length);
        foreach (var c in name)
        {
            if (c is not (' ' or '_' or '-'))
            {
                key.Append(char.ToLowerInvariant(c));
            }
        }

        return key.ToString();
    }
}
