using System.Buffers;
using System.Text.Json;
using Herald.Api;
using Herald.NotifyFormat;
using Herald.Templates;

namespace Herald.Jobs;

/// <summary>
/// Turns a job's rows into send requests: the recipient column is the request's recipient, and
/// every column (the recipient's too, as Notify keeps it) is personalisation. A blank cell is a
/// value not supplied, so a placeholder that needs it is refused as a send without it would be.
/// </summary>
internal sealed class JobRows
{
    private readonly TemplateType _type;
    private readonly Guid _templateId;
    private readonly IReadOnlyList<string> _columns;
    private readonly int _recipient;
    private readonly ArrayBufferWriter<byte> _buffer = new(4096);

    private JobRows(TemplateType type, Guid templateId, IReadOnlyList<string> columns, int recipient)
    {
        _type = type;
        _templateId = templateId;
        _columns = columns;
        _recipient = recipient;
    }

    /// <summary>Checks the header against the template: its recipient column, and a column for each placeholder.</summary>
    public static JobRows ForHeader(IReadOnlyList<string> columns, TemplateType type, Guid templateId, TemplateVersionRecord version)
    {
        var keys = columns.Select(PlaceholderSyntax.Key).ToList();
        var wanted = JobFile.RecipientColumn(type);
        var recipient = keys.IndexOf(PlaceholderSyntax.Key(wanted));
        var errors = new List<string>();
        if (recipient < 0)
        {
            errors.Add($"The file needs a column called ‘{wanted}’ for this {type.ApiName()} template");
        }

        var missing = TemplatePlaceholders.Find(type == TemplateType.Email ? version.Subject : null, version.Body)
            .Where(p => !keys.Contains(PlaceholderSyntax.Key(p)))
            .ToList();
        if (missing.Count > 0)
        {
            errors.Add($"The file is missing a column for each of these placeholders: {string.Join(", ", missing)}");
        }

        return errors.Count > 0 ? throw NotifyApiException.Validation(errors) : new JobRows(type, templateId, columns, recipient);
    }

    public SendRequest Request(JobCsv csv)
    {
        _buffer.ResetWrittenCount();
        using (var writer = new Utf8JsonWriter(_buffer))
        {
            writer.WriteStartObject();
            for (var i = 0; i < _columns.Count; i++)
            {
                var value = csv.Field(i);
                if (_columns[i].Length > 0 && !string.IsNullOrWhiteSpace(value))
                {
                    writer.WriteString(_columns[i], value);
                }
            }

            writer.WriteEndObject();
        }

        var personalisation = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        foreach (var property in JsonElement.Parse(_buffer.WrittenSpan).EnumerateObject())
        {
            personalisation.TryAdd(property.Name, property.Value);
        }

        return new SendRequest(_type, csv.Field(_recipient), _templateId, personalisation, null, null, null);
    }
}
