using System.Globalization;
using System.Text.Json;

namespace Herald.Pushers;

/// <summary>Reads the fields of a /v2/push request body, collecting every problem in Notify's wording.</summary>
internal sealed class PushJsonFields(JsonElement body, List<string> errors)
{
    public const int MaxIdLength = 255;

    public List<string> Errors => errors;

    public void RefuseUnknown(params string[] allowed)
    {
        foreach (var property in body.EnumerateObject())
        {
            if (!allowed.Contains(property.Name, StringComparer.Ordinal))
            {
                errors.Add($"Additional properties are not allowed ({property.Name} was unexpected)");
            }
        }
    }

    public string? RequiredString(string name, int maxLength = MaxIdLength)
    {
        if (!body.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            errors.Add($"{name} is a required property");
            return null;
        }

        return String(name, value, maxLength, "string");
    }

    public string? OptionalString(string name, int maxLength = MaxIdLength) =>
        body.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null ? String(name, value, maxLength, "string, null") : null;

    public bool? OptionalBool(string name)
    {
        if (!body.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (value.ValueKind is JsonValueKind.True or JsonValueKind.False)
        {
            return value.GetBoolean();
        }

        errors.Add($"{name} {Describe(value)} is not of type boolean");
        return null;
    }

    public long? OptionalNonNegativeInteger(string name)
    {
        if (!body.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out var number) && number >= 0)
        {
            return number;
        }

        errors.Add($"{name} {Describe(value)} is not a non-negative integer");
        return null;
    }

    public JsonElement? RequiredObject(string name)
    {
        if (!body.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            errors.Add($"{name} is a required property");
            return null;
        }

        return Object(name, value);
    }

    public JsonElement? OptionalObject(string name) =>
        body.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null ? Object(name, value) : null;

    public JsonElement? RequiredArray(string name)
    {
        if (!body.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            errors.Add($"{name} is a required property");
            return null;
        }

        if (value.ValueKind != JsonValueKind.Array)
        {
            errors.Add($"{name} {Describe(value)} is not of type array");
            return null;
        }

        return value;
    }

    public static string Describe(JsonElement value)
    {
        var text = value.GetRawText();
        return text.Length > 50 ? string.Create(CultureInfo.InvariantCulture, $"{text[..50]}...") : text;
    }

    private JsonElement? Object(string name, JsonElement value)
    {
        if (value.ValueKind == JsonValueKind.Object)
        {
            return value;
        }

        errors.Add($"{name} {Describe(value)} is not of type object");
        return null;
    }

    private string? String(string name, JsonElement value, int maxLength, string types)
    {
        if (value.ValueKind != JsonValueKind.String)
        {
            errors.Add($"{name} {Describe(value)} is not of type {types}");
            return null;
        }

        var text = value.GetString()!;
        if (text.Length == 0)
        {
            errors.Add($"{name} must not be empty");
            return null;
        }

        if (text.Length > maxLength)
        {
            errors.Add($"{name} is longer than {maxLength} characters");
            return null;
        }

        return text;
    }
}
