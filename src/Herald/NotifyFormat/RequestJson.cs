using System.Text.Json;

namespace Herald.NotifyFormat;

/// <summary>
/// Reads a JSON request body as the Notify, push and admin APIs take it: malformed JSON is Notify's
/// 400, and so is text that cannot be stored (invalid UTF-8, a lone surrogate, a NUL character,
/// which PostgreSQL refuses) anywhere in it, before any of it reaches a handler or the database.
/// </summary>
public static class RequestJson
{
    public static Task<JsonDocument> ReadAsync(HttpRequest request, CancellationToken ct) => ReadAsync(request, "Invalid JSON supplied in POST data", ct);

    /// <param name="invalidJson">The refusal's message for malformed JSON (the admin API words it its own way).</param>
    public static async Task<JsonDocument> ReadAsync(HttpRequest request, string invalidJson, CancellationToken ct)
    {
        JsonDocument document;
        try
        {
            document = await JsonDocument.ParseAsync(request.Body, cancellationToken: ct);
        }
        catch (JsonException)
        {
            throw NotifyApiException.BadRequest(invalidJson);
        }

        if (FindUnstorable(document.RootElement, "") is { } path)
        {
            document.Dispose();
            throw NotifyApiException.Validation([$"{(path.Length == 0 ? "The request body" : path)} is not valid text: it has invalid UTF-8, a lone surrogate or a NUL character"]);
        }

        return document;
    }

    /// <summary>The refusal of a query or path value <paramref name="name"/> that is not <see cref="IsStorable"/> (its UTF-8 is already decoded).</summary>
    public static string Unstorable(string name) => $"{name} is not valid text: it has a lone surrogate or a NUL character";

    /// <summary>False for text with a NUL character or a surrogate that is not half of a pair.</summary>
    public static bool IsStorable(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '\0' || char.IsLowSurrogate(c))
            {
                return false;
            }

            if (char.IsHighSurrogate(c))
            {
                if (i + 1 >= text.Length || !char.IsLowSurrogate(text[i + 1]))
                {
                    return false;
                }

                i++;
            }
        }

        return true;
    }

    /// <summary>The path of the first string, value or property name, that is not storable text; null when all are.</summary>
    private static string? FindUnstorable(JsonElement element, string path)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (var property in element.EnumerateObject())
                {
                    if (Text(() => property.Name) is not { } name || !IsStorable(name))
                    {
                        return path.Length == 0 ? "A property name" : $"A property name in {path}";
                    }

                    if (FindUnstorable(property.Value, path.Length == 0 ? name : $"{path}.{name}") is { } found)
                    {
                        return found;
                    }
                }

                return null;
            case JsonValueKind.Array:
                var index = 0;
                foreach (var item in element.EnumerateArray())
                {
                    if (FindUnstorable(item, $"{path}[{index++}]") is { } found)
                    {
                        return found;
                    }
                }

                return null;
            case JsonValueKind.String:
                return Text(element.GetString) is { } value && IsStorable(value) ? null : path;
            default:
                return null;
        }
    }

    /// <summary>The text, or null when its UTF-8 is invalid (the reader throws only when asked for it).</summary>
    private static string? Text(Func<string?> read)
    {
        try
        {
            return read() ?? "";
        }
        catch (InvalidOperationException)
        {
            return null;
        }
    }
}
