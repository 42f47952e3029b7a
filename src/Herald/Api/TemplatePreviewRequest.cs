using System.Text.Json;
using Herald.NotifyFormat;

namespace Herald.Api;

/// <summary>The body of POST /v2/template/{id}/preview: <c>{"personalisation": {...}}</c>.</summary>
internal static class TemplatePreviewRequest
{
    public static IReadOnlyDictionary<string, JsonElement>? Parse(JsonElement body)
    {
        if (body.ValueKind != JsonValueKind.Object)
        {
            throw NotifyApiException.BadRequest("Invalid JSON supplied in POST data");
        }

        var errors = new List<string>();
        Dictionary<string, JsonElement>? personalisation = null;
        foreach (var property in body.EnumerateObject())
        {
            if (property.Name != "personalisation")
            {
                errors.Add($"Additional properties are not allowed ({property.Name} was unexpected)");
            }
            else if (property.Value.ValueKind == JsonValueKind.Object)
            {
                personalisation = property.Value.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.Clone(), StringComparer.Ordinal);
            }
            else if (property.Value.ValueKind != JsonValueKind.Null)
            {
                errors.Add($"personalisation {property.Value.GetRawText()} is not of type object");
            }
        }

        return errors.Count > 0 ? throw NotifyApiException.Validation(errors) : personalisation;
    }
}
