using System.Text.Json;

namespace Herald.Templates;

/// <summary>
/// Personalisation keyed by Notify's matching rule, with values turned into text the way
/// Notify's Python turns them (<c>str(value)</c>).
/// </summary>
internal sealed class PersonalisationValues
{
    private static readonly string[] _truthy = ["yes", "y", "true", "t", "1", "include", "show"];

    private readonly Dictionary<string, JsonElement> _values = new(StringComparer.Ordinal);

    public PersonalisationValues(IReadOnlyDictionary<string, JsonElement>? personalisation)
    {
        if (personalisation is null)
        {
            return;
        }

        // Keys that normalise to the same key: the later one wins, as in Notify's InsensitiveDict.
        foreach (var (key, value) in personalisation)
        {
            _values[PlaceholderSyntax.Key(key)] = value;
        }
    }

    /// <summary>
    /// The value for a placeholder name. A JSON null counts as not supplied, as in Notify
    /// (its check is <c>values.get(name) is None</c>), so it is reported missing.
    /// </summary>
    public bool TryGet(string name, out JsonElement value) =>
        _values.TryGetValue(PlaceholderSyntax.Key(name), out value)
        && value.ValueKind is not (JsonValueKind.Null or JsonValueKind.Undefined);

    /// <summary>
    /// A scalar as text: strings as given, numbers as written in the JSON, booleans as
    /// "True"/"False" (what Notify's Python prints), objects as their JSON.
    /// </summary>
    public static string Format(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => value.GetString() ?? string.Empty,
        JsonValueKind.True => "True",
        JsonValueKind.False => "False",
        JsonValueKind.Null or JsonValueKind.Undefined => string.Empty,
        _ => value.GetRawText(),
    };

    /// <summary>
    /// A list value's items: nulls dropped, each item stripped of surrounding whitespace and of
    /// zero-width and no-break spaces, empty items dropped (Notify's rule).
    /// </summary>
    public static IReadOnlyList<string> ListItems(JsonElement list)
    {
        var items = new List<string>();
        foreach (var item in list.EnumerateArray())
        {
            if (item.ValueKind is JsonValueKind.Null)
            {
                continue;
            }

            var text = NotifyWhitespace.StripAndRemoveObscure(Format(item));
            if (text.Length > 0)
            {
                items.Add(text);
            }
        }

        return items;
    }

    /// <summary>"a", "a and b", "a, b and c".</summary>
    public static string JoinAsProse(IReadOnlyList<string> items) => items.Count switch
    {
        0 => string.Empty,
        1 => items[0],
        _ => string.Join(", ", items.Take(items.Count - 1)) + " and " + items[^1],
    };

    /// <summary>Whether a conditional placeholder shows its text for this (substituted) value.</summary>
    public static bool IsTruthy(string replacement) =>
        _truthy.Contains(replacement.ToLowerInvariant(), StringComparer.Ordinal);
}
