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

    public static List<PlaceholderMatch> Matches(string? text)
    {
        var matches = new List<PlaceholderMatch>();
        if (string.IsNullOrEmpty(text))
        {
            return matches;
        }

        foreach (var match in Pattern().EnumerateMatches(text))
        {
            // The match is "((" inner "))".
            var inner = text.AsSpan(match.Index + 2, match.Length - 4);
            var separator = inner.IndexOf(ConditionalSeparator, StringComparison.Ordinal);
            matches.Add(separator < 0
                ? new PlaceholderMatch(match.Index, match.Length, inner.ToString(), null)
                : new PlaceholderMatch(
                    match.Index,
                    match.Length,
                    inner[..separator].ToString(),
                    inner[(separator + ConditionalSeparator.Length)..].ToString()));
        }

        return matches;
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
