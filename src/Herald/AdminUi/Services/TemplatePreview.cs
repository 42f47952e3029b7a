using System.Text;
using System.Text.Json;
using Herald.Templates;

namespace Herald.AdminUi.Services;

/// <summary>One sample value for a placeholder, with the stable element id that keeps its focus while the preview is redrawn.</summary>
public sealed record PreviewSample(string Name, string Value)
{
    public string ElementId => "sample-" + Convert.ToHexString(Encoding.UTF8.GetBytes(PlaceholderSyntax.Key(Name))).ToLowerInvariant();
}

/// <summary>
/// A template as it would be sent with the sample personalisation typed into the editor: for SMS the
/// text, its length, fragments and character set; for email the subject and the HTML (shown only in a
/// sandboxed frame). Input the preview cannot show is answered with <see cref="Problem"/>, never thrown.
/// </summary>
public sealed record TemplatePreview(
    TemplateType Type, IReadOnlyList<PreviewSample> Samples, string? Problem, string? Subject, string? Html, string? SmsText, SmsLength? Length,
    IReadOnlyList<string> Missing, string? SmsPrefix)
{
    /// <summary>Longest body or subject the preview renders, in characters; sending allows far less for SMS.</summary>
    public const int MaxCharacters = 100_000;

    /// <summary>Most placeholders given an input; a template with more is shown without the rest.</summary>
    public const int MaxSamples = 50;

    public static TemplatePreview Render(TemplateType type, string? subject, string? body, IReadOnlyDictionary<string, string> samples, string? smsPrefix)
    {
        body ??= "";
        subject = type == TemplateType.Email ? subject ?? "" : null;
        if (body.Length > MaxCharacters || subject?.Length > MaxCharacters)
        {
            return Refused(type, $"This is too long to preview ({MaxCharacters:N0} characters at most).");
        }

        var byKey = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, value) in samples)
        {
            byKey[PlaceholderSyntax.Key(name)] = value;
        }

        var placeholders = TemplatePlaceholders.Find(subject, body).Take(MaxSamples).ToList();
        var sampleList = placeholders.Select(p => new PreviewSample(p, byKey.GetValueOrDefault(PlaceholderSyntax.Key(p)) ?? "")).ToList();
        var personalisation = sampleList.Where(s => s.Value.Length > 0)
            .ToDictionary(s => s.Name, s => JsonSerializer.SerializeToElement(s.Value, TemplatePreviewJsonContext.Default.String));
        var rendered = TemplateRenderer.Render(type, subject, body, personalisation, new TemplateRenderOptions(smsPrefix));
        return type == TemplateType.Sms
            ? new TemplatePreview(type, sampleList, null, null, null, rendered.Body, SmsFragments.Measure(rendered.Body), rendered.MissingPlaceholders, smsPrefix)
            : new TemplatePreview(type, sampleList, null, rendered.Subject, Document(rendered.Html ?? ""), null, null, rendered.MissingPlaceholders, null);
    }

    public static TemplatePreview Refused(TemplateType type, string problem) => new(type, [], problem, null, null, null, null, [], null);

    public static string EncodingName(SmsEncoding encoding) => encoding == SmsEncoding.Gsm7 ? "GSM 7-bit" : "Unicode (UCS-2)";

    private static string Document(string html) =>
        "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Email preview</title></head>"
        + "<body style=\"font-family: Arial, sans-serif; font-size: 16px; line-height: 1.5; color: #0b0c0c; margin: 1rem;\">" + html + "</body></html>";
}

[System.Text.Json.Serialization.JsonSerializable(typeof(string))]
internal sealed partial class TemplatePreviewJsonContext : System.Text.Json.Serialization.JsonSerializerContext;
