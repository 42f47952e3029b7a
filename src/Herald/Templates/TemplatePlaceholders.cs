namespace Herald.Templates;

/// <summary>Lists the placeholders a template asks for.</summary>
public static class TemplatePlaceholders
{
    /// <summary>
    /// Placeholder names in <paramref name="subject"/> then <paramref name="body"/>, in order of
    /// first appearance, spelled as first written, distinct by Notify's matching rule
    /// (case-insensitive, ignoring spaces, '_' and '-'). A conditional <c>((name??text))</c>
    /// contributes its name. Names are not trimmed, as Notify does not trim them.
    /// </summary>
    public static IReadOnlyList<string> Find(string? subject, string body)
    {
        ArgumentNullException.ThrowIfNull(body);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var names = new List<string>();
        foreach (var match in PlaceholderSyntax.Matches(subject).Concat(PlaceholderSyntax.Matches(body)))
        {
            if (seen.Add(PlaceholderSyntax.Key(match.Name)))
            {
                names.Add(match.Name);
            }
        }

        return names;
    }
}
