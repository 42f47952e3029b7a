using System.Globalization;
using System.Text;
using System.Text.Json;
using Herald.Api;
using Herald.NotifyFormat;

namespace Herald.Jobs;

/// <summary>
/// <c>POST /v2/notifications/bulk</c>, the bulk send of Canada's fork of Notify: a job made with an
/// API key, from a CSV text or from rows (the first row the header), checked as an admin upload is.
/// </summary>
public static class BulkNotificationsApi
{
    public const string Description =
        "Canada's Notify bulk send: `{template_id, name, csv | rows, scheduled_for?, reply_to_id?, reference?}`. Give exactly one of `csv` (the file's text) " +
        "and `rows` (an array of rows, each an array of cells, the first the header). The rows are checked as one send each with this API key's rules " +
        "(a test key's rows are simulated, a team key's go only to the team) before the job is accepted; a refusal lists the first 100 bad rows by spreadsheet row. " +
        "At most 100,000 rows; a job that would pass the day's limit is refused (429). `reference` is accepted and not stored, as the fork does. " +
        "The answer is `{\"data\": job}`; follow the job under `/admin/api/services/{id}/jobs/{job id}`.";

    private static readonly string[] Allowed = ["template_id", "name", "csv", "rows", "scheduled_for", "reply_to_id", "reference"];

    public static IEndpointRouteBuilder MapBulkNotifications(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost("/v2/notifications/bulk", SendAsync)
            .WithTags("Notifications").WithSummary("Send a bulk job (Canada's Notify)").WithDescription(Description)
            .ReadsJson<BulkSendBody>().Produces<BulkJobCreatedResponse>(StatusCodes.Status201Created);
        return endpoints;
    }

    private static async Task<IResult> SendAsync(HttpRequest request, NotifyRequestContext api, JobUploads uploads, CancellationToken ct)
    {
        var caller = await api.AuthenticateSenderAsync(request, ct);
        using var body = await RequestJson.ReadAsync(request, ct);
        var upload = Parse(body.RootElement, caller.ServiceId) with { Key = caller.Key };
        var job = await uploads.UploadAsync(caller.ServiceId, upload, ct);
        return TypedResults.Json(new BulkJobCreatedResponse(Created(job)), JobsJsonContext.Default.BulkJobCreatedResponse, statusCode: StatusCodes.Status201Created);
    }

    internal static JobUpload Parse(JsonElement body, Guid serviceId)
    {
        var errors = SendRequestParser.ObjectErrors(body, Allowed);
        var templateId = SendRequestParser.RequiredUuid(body, "template_id", errors);
        var name = SendRequestParser.RequiredString(body, "name", errors);
        var csv = SendRequestParser.OptionalString(body, "csv", errors);
        var scheduledFor = SendRequestParser.OptionalString(body, "scheduled_for", errors);
        var replyTo = SendRequestParser.OptionalUuid(body, "reply_to_id", errors);
        _ = SendRequestParser.OptionalReference(body, errors);

        var rows = body.TryGetProperty("rows", out var rowsValue) && rowsValue.ValueKind != JsonValueKind.Null ? RowsAsCsv(rowsValue, errors) : null;
        if (errors.Count > 0)
        {
            throw NotifyApiException.Validation(errors);
        }

        if (string.IsNullOrEmpty(csv) == string.IsNullOrEmpty(rows))
        {
            throw NotifyApiException.BadRequest("You should specify either rows or csv");
        }

        // Herald has no reply-to addresses or SMS senders to choose from yet, as on a single send.
        return replyTo is { } senderId
            ? throw NotifyApiException.BadRequest($"reply_to_id {senderId} does not exist in database for service id {serviceId}")
            : new JobUpload(templateId!.Value, name!, csv ?? rows!, scheduledFor);
    }

    /// <summary>The rows written as CSV text (RFC 4180 quoting), so they are read and checked exactly as an uploaded file.</summary>
    private static string? RowsAsCsv(JsonElement rows, List<string> errors)
    {
        if (rows.ValueKind != JsonValueKind.Array)
        {
            errors.Add($"rows {SendRequestParser.Describe(rows)} is not of type array");
            return null;
        }

        var count = rows.GetArrayLength();
        if (count < 2)
        {
            errors.Add("rows needs a header row and at least one row under it");
            return null;
        }

        if (count > JobFile.MaxRows + 1)
        {
            errors.Add(string.Create(CultureInfo.InvariantCulture, $"rows has {count - 1:N0} rows under its header: a job can have {JobFile.MaxRows:N0} at most"));
            return null;
        }

        var text = new StringBuilder();
        var index = 0;
        foreach (var row in rows.EnumerateArray())
        {
            if (row.ValueKind != JsonValueKind.Array)
            {
                errors.Add(string.Create(CultureInfo.InvariantCulture, $"rows[{index}] {SendRequestParser.Describe(row)} is not of type array"));
                return null;
            }

            var first = true;
            foreach (var cell in row.EnumerateArray())
            {
                if (!first)
                {
                    text.Append(',');
                }

                first = false;
                if (Cell(cell) is not { } value)
                {
                    errors.Add(string.Create(CultureInfo.InvariantCulture, $"rows[{index}] has a cell {SendRequestParser.Describe(cell)} that is not a string, number, boolean or null"));
                    return null;
                }

                AppendQuoted(text, value);
            }

            text.Append("\r\n");
            index++;
        }

        return text.ToString();
    }

    private static string? Cell(JsonElement cell) => cell.ValueKind switch
    {
        JsonValueKind.String => cell.GetString(),
        JsonValueKind.Number => cell.GetRawText(),
        JsonValueKind.True => "True",
        JsonValueKind.False => "False",
        JsonValueKind.Null => "",
        _ => null,
    };

    private static void AppendQuoted(StringBuilder text, string value)
    {
        if (value.AsSpan().IndexOfAny(",\"\r\n") < 0)
        {
            text.Append(value);
            return;
        }

        text.Append('"').Append(value.Replace("\"", "\"\"", StringComparison.Ordinal)).Append('"');
    }

    private static BulkJob Created(JobRecord job) => new(
        job.Id, job.Name, job.RowCount, job.Status, job.TemplateId, job.TemplateVersion, job.ServiceId, job.ApiKeyId,
        job.ScheduledFor is { } at ? ApiTime.Format(at) : null, ApiTime.Format(job.CreatedAt));
}
