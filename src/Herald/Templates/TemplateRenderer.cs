using System.Text.Json;

namespace Herald.Templates;

/// <summary>Applies personalisation to a template, as Notify does.</summary>
public static class TemplateRenderer
{
    /// <summary>
    /// Renders a template. Personalisation keys match placeholders case-insensitively, ignoring
    /// spaces, '_' and '-'; extra keys are ignored; a JSON null is treated as not supplied (as
    /// Notify does) and so is listed in <see cref="RenderedTemplate.MissingPlaceholders"/>.
    /// </summary>
    public static RenderedTemplate Render(
        TemplateType type,
        string? subject,
        string body,
        IReadOnlyDictionary<string, JsonElement>? personalisation,
        TemplateRenderOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(body);
        var values = new PersonalisationValues(personalisation);
        var missing = new List<string>();
        var rendered = type switch
        {
            TemplateType.Email => RenderEmail(subject, body, values, missing),
            TemplateType.Sms => RenderSms(body, values, options?.SmsPrefix, missing),
            _ => throw new ArgumentOutOfRangeException(nameof(type), type, "Unknown template type."),
        };

        return rendered with { MissingPlaceholders = DistinctByKey(missing) };
    }

    private static RenderedTemplate RenderEmail(
        string? subject, string body, PersonalisationValues values, List<string> missing)
    {
        string? renderedSubject = null;
        if (subject is not null)
        {
            // Lists in a subject read as "a, b and c"; the subject is one line.
            var substituted = PlaceholderSubstitution.Substitute(subject, values, markdownLists: false, missing);
            renderedSubject = NotifyWhitespace.Normalise(substituted.Text);
        }

        var text = PlaceholderSubstitution.Substitute(body, values, markdownLists: true, missing);
        var blocks = EmailMarkdownParser.Parse(text);
        return new RenderedTemplate(
            renderedSubject,
            text.Text,
            EmailHtmlRenderer.Render(blocks),
            EmailPlainTextRenderer.Render(blocks),
            []);
    }

    private static RenderedTemplate RenderSms(
        string body, PersonalisationValues values, string? prefix, List<string> missing)
    {
        var text = PlaceholderSubstitution.Substitute(body, values, markdownLists: false, missing).Text;
        if (!string.IsNullOrWhiteSpace(prefix))
        {
            text = $"{prefix.Trim()}: {text}";
        }

        // Unlike Notify, characters outside GSM-7 are kept (and sent as UCS-2), not downgraded.
        return new RenderedTemplate(null, NotifyWhitespace.NormaliseSms(text), null, null, []);
    }

    private static string[] DistinctByKey(List<string> names)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        return [.. names.Where(name => seen.Add(PlaceholderSyntax.Key(name)))];
    }
}
