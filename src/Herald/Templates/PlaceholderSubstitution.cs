using System.Text.Json;

namespace Herald.Templates;

/// <summary>Replaces placeholders in one field (subject or body) with personalisation.</summary>
internal static class PlaceholderSubstitution
{
    /// <summary>
    /// Substitutes <paramref name="template"/>. Values are marked literal. A list becomes a
    /// markdown bullet list when <paramref name="markdownLists"/> (email bodies), otherwise
    /// "a, b and c". A placeholder with no value stays as written and its name is added to
    /// <paramref name="missing"/>.
    /// </summary>
    public static MarkedText Substitute(
        string template,
        PersonalisationValues values,
        bool markdownLists,
        ICollection<string> missing)
    {
        template = NotifyWhitespace.UnixNewlines(template);
        var builder = new MarkedTextBuilder(template.Length * 2);
        var position = 0;
        foreach (var match in PlaceholderSyntax.Matches(template))
        {
            builder.Append(template.AsSpan(position, match.Index - position), literal: false);
            position = match.Index + match.Length;

            if (!values.TryGet(match.Name, out var value))
            {
                missing.Add(match.Name);
                builder.Append(template.AsSpan(match.Index, match.Length), literal: false);
                continue;
            }

            if (match.ConditionalText is { } conditional)
            {
                // Notify tests the value as it would be substituted, so a list never shows
                // the text unless, as prose, it reads as one truthy word.
                var replacement = value.ValueKind == JsonValueKind.Array
                    ? PersonalisationValues.JoinAsProse(PersonalisationValues.ListItems(value))
                    : PersonalisationValues.Format(value);
                if (PersonalisationValues.IsTruthy(replacement))
                {
                    builder.Append(conditional, literal: false);
                }

                continue;
            }

            if (value.ValueKind == JsonValueKind.Array)
            {
                AppendList(builder, PersonalisationValues.ListItems(value), markdownLists);
            }
            else
            {
                builder.Append(NotifyWhitespace.UnixNewlines(PersonalisationValues.Format(value)), literal: true);
            }
        }

        builder.Append(template.AsSpan(position), literal: false);
        return builder.Build();
    }

    private static void AppendList(MarkedTextBuilder builder, IReadOnlyList<string> items, bool markdownLists)
    {
        if (!markdownLists)
        {
            builder.Append(PersonalisationValues.JoinAsProse(items), literal: true);
            return;
        }

        if (items.Count == 0)
        {
            return;
        }

        // As Notify: a blank line, then "* item" lines, so the list stands as its own block.
        builder.Append("\n\n", literal: false);
        for (var i = 0; i < items.Count; i++)
        {
            builder.Append(i == 0 ? "* " : "\n* ", literal: false);
            builder.Append(NotifyWhitespace.UnixNewlines(items[i]), literal: true);
        }
    }
}
