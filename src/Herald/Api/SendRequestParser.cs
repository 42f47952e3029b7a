using System.Globalization;
using System.Runtime.InteropServices;
using System.Text.Json;
using Herald.Templates;
using Herald.NotifyFormat;

namespace Herald.Api;

/// <summary>
/// Reads a send request the way Notify's JSON schema does: every problem is collected and
/// answered at once as a 400 ValidationError with Notify's wording; unknown properties are refused.
/// </summary>
internal static class SendRequestParser
{
    public const int MaxReferenceLength = 1000;

    /// <summary>Personalisation beyond what any message could use is refused rather than stored.</summary>
    public const int MaxPersonalisationKeys = 1000;

    /// <summary>The personalisation object's JSON text: no email may be longer, so no more is worth keeping.</summary>
    public const int MaxPersonalisationBytes = TemplateLimits.MaxEmailBodyBytes;

    public static SendRequest Parse(TemplateType type, JsonElement body)
    {
        var recipientField = type == TemplateType.Email ? "email_address" : "phone_number";
        var senderField = type == TemplateType.Email ? "email_reply_to_id" : "sms_sender_id";
        string[] allowed = type == TemplateType.Email
            ? [recipientField, "template_id", "personalisation", "reference", senderField, "one_click_unsubscribe_url", "scheduled_for"]
            : [recipientField, "template_id", "personalisation", "reference", senderField, "scheduled_for"];

        var errors = ObjectErrors(body, allowed);
        var recipient = RequiredString(body, recipientField, errors);
        var templateId = RequiredUuid(body, "template_id", errors);
        var personalisation = OptionalObject(body, "personalisation", errors);
        if (personalisation is { Count: > MaxPersonalisationKeys })
        {
            errors.Add(string.Create(CultureInfo.InvariantCulture, $"personalisation has {personalisation.Count} keys: it can have {MaxPersonalisationKeys} at most"));
        }
        else if (personalisation is not null && JsonMarshal.GetRawUtf8Value(body.GetProperty("personalisation")).Length is var bytes and > MaxPersonalisationBytes)
        {
            errors.Add(string.Create(CultureInfo.InvariantCulture, $"personalisation is {bytes} bytes: it can be {MaxPersonalisationBytes} bytes at most"));
        }
        var reference = OptionalReference(body, errors);

        var senderId = OptionalUuid(body, senderField, errors);
        string? unsubscribe = null;
        if (type == TemplateType.Email)
        {
            unsubscribe = OptionalString(body, "one_click_unsubscribe_url", errors);
            if (unsubscribe is not null && !(Uri.TryCreate(unsubscribe, UriKind.Absolute, out var uri) && uri.Scheme == Uri.UriSchemeHttps))
            {
                errors.Add("one_click_unsubscribe_url is not a valid https url");
            }
        }

        if (errors.Count > 0)
        {
            throw NotifyApiException.Validation(errors);
        }

        return new SendRequest(type, recipient!, templateId!.Value, personalisation, reference, senderId, unsubscribe);
    }

    /// <summary>A body that is a JSON object, as Notify's schemas want; its unknown properties are the first errors.</summary>
    internal static List<string> ObjectErrors(JsonElement body, string[] allowed)
    {
        if (body.ValueKind != JsonValueKind.Object)
        {
            throw NotifyApiException.BadRequest("Invalid JSON supplied in POST data");
        }

        var errors = new List<string>();
        foreach (var property in body.EnumerateObject())
        {
            if (!allowed.Contains(property.Name, StringComparer.Ordinal))
            {
                errors.Add($"Additional properties are not allowed ({property.Name} was unexpected)");
            }
        }

        return errors;
    }

    /// <summary>The optional client <c>reference</c>, at most <see cref="MaxReferenceLength"/> characters.</summary>
    internal static string? OptionalReference(JsonElement body, List<string> errors)
    {
        var reference = OptionalString(body, "reference", errors);
        if (reference is { Length: > MaxReferenceLength })
        {
            errors.Add($"reference {reference[..20]}... is too long");
        }

        return reference;
    }

    internal static string? RequiredString(JsonElement body, string name, List<string> errors)
    {
        if (!body.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            errors.Add($"{name} is a required property");
            return null;
        }

        if (value.ValueKind != JsonValueKind.String)
        {
            errors.Add($"{name} {Describe(value)} is not of type string");
            return null;
        }

        return value.GetString();
    }

    internal static Guid? RequiredUuid(JsonElement body, string name, List<string> errors)
    {
        if (!body.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            errors.Add($"{name} is a required property");
            return null;
        }

        return Uuid(value, name, errors);
    }

    internal static Guid? OptionalUuid(JsonElement body, string name, List<string> errors) =>
        body.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null ? Uuid(value, name, errors) : null;

    private static Guid? Uuid(JsonElement value, string name, List<string> errors)
    {
        if (value.ValueKind == JsonValueKind.String && Guid.TryParseExact(value.GetString(), "D", out var id))
        {
            return id;
        }

        errors.Add($"{name} is not a valid UUID");
        return null;
    }

    internal static string? OptionalString(JsonElement body, string name, List<string> errors)
    {
        if (!body.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (value.ValueKind != JsonValueKind.String)
        {
            errors.Add($"{name} {Describe(value)} is not of type string, null");
            return null;
        }

        return value.GetString();
    }

    private static Dictionary<string, JsonElement>? OptionalObject(JsonElement body, string name, List<string> errors)
    {
        if (!body.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (value.ValueKind != JsonValueKind.Object)
        {
            errors.Add($"{name} {Describe(value)} is not of type object");
            return null;
        }

        var result = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        foreach (var property in value.EnumerateObject())
        {
            result[property.Name] = property.Value.Clone();
        }

        return result;
    }

    internal static string Describe(JsonElement value)
    {
        var text = value.GetRawText();
        return text.Length > 50 ? string.Create(CultureInfo.InvariantCulture, $"{text[..50]}...") : text;
    }
}
