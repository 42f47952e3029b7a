using System.Text;
using Herald.Admin;
using Herald.NotifyFormat;
using Microsoft.Net.Http.Headers;

namespace Herald.Jobs;

/// <summary>A service's bulk jobs, under <c>/admin/api</c>.</summary>
public static class JobsAdminApi
{
    public const string UploadDescription =
        "A multipart form (the file as `file`, with `template_id` and optional `scheduled_for`) or JSON `{template_id, csv, name?, scheduled_for?}`. " +
        "The header row names the recipient column (`email address` or `phone number`, any case and spacing) and a column for each of the template's placeholders; " +
        "other columns are ignored. Every row is checked with the send rules before the job is accepted; a refusal lists the first 100 bad rows by their spreadsheet row " +
        "(the header is row 1) and counts the rest. At most 100,000 rows. A job that would pass the service's daily limit is refused (429). " +
        "`scheduled_for` (ISO 8601, at most 7 days ahead) makes the job `scheduled`; otherwise it starts at once.";

    public static IEndpointRouteBuilder MapJobsAdmin(this IEndpointRouteBuilder endpoints)
    {
        var admin = endpoints.MapAdminGroup().WithTags("Jobs");
        var json = JobsJsonContext.Default;
        admin.MapPost("/services/{id}/jobs", async (string id, HttpRequest request, JobUploads uploads, CancellationToken ct) =>
                TypedResults.Json(JobAdministration.Response(await uploads.UploadAsync(AdminEndpoints.ParseId(id), await ReadUploadAsync(request, ct), ct), null),
                    json.JobResponse, statusCode: StatusCodes.Status201Created))
            .WithSummary("Upload a bulk job (a CSV file for one template)").WithDescription(UploadDescription)
            .ReadsJson<JobUploadRequest>().Produces<JobResponse>(StatusCodes.Status201Created);
        admin.MapGet("/services/{id}/jobs", async (string id, HttpRequest request, JobAdministration jobs, CancellationToken ct) =>
            {
                var olderText = request.Query["older_than"].ToString();
                Guid? olderThan = olderText.Length == 0 ? null
                    : Guid.TryParseExact(olderText, "D", out var older) ? older : throw NotifyApiException.Validation(["older_than is not a valid UUID"]);
                var serviceId = AdminEndpoints.ParseId(id);
                var limit = AdminEndpoints.ParseLimit(request.Query["limit"].ToString()) ?? JobAdministration.PageSize;
                var (page, next) = await jobs.ListAsync(serviceId, olderThan, limit, ct);
                var link = next is { } last ? $"/admin/api/services/{serviceId}/jobs?older_than={last}&limit={limit}" : null;
                return TypedResults.Json(new JobListResponse(page, new JobLinks(link)), json.JobListResponse);
            })
            .WithSummary("List a service's jobs, latest first")
            .WithDescription("`limit` (default 50) jobs a page; `older_than` (a job id, from `links.older`) gives the next page.")
            .Produces<JobListResponse>();
        admin.MapGet("/services/{id}/jobs/{jobId}", async (string id, string jobId, JobAdministration jobs, CancellationToken ct) =>
            TypedResults.Json(await jobs.FindAsync(AdminEndpoints.ParseId(id), AdminEndpoints.ParseId(jobId), ct), json.JobResponse))
            .WithSummary("Get a job, with its notifications counted by status").Produces<JobResponse>();
        admin.MapPost("/services/{id}/jobs/{jobId}/cancel", async (string id, string jobId, JobAdministration jobs, CancellationToken ct) =>
            TypedResults.Json(await jobs.CancelAsync(AdminEndpoints.ParseId(id), AdminEndpoints.ParseId(jobId), ct), json.JobResponse))
            .WithSummary("Cancel a job")
            .WithDescription("A pending or scheduled job never starts; a job in progress makes no further rows (notifications already made are still delivered).")
            .Produces<JobResponse>();
        admin.MapGet("/services/{id}/jobs/{jobId}/csv", async (string id, string jobId, JobAdministration jobs, CancellationToken ct) =>
            {
                var (name, csv) = await jobs.FileAsync(AdminEndpoints.ParseId(id), AdminEndpoints.ParseId(jobId), ct);
                return TypedResults.File(Encoding.UTF8.GetBytes(csv), "text/csv; charset=utf-8", name);
            })
            .WithSummary("Download a job's original file");
        return endpoints;
    }

    private static async Task<JobUpload> ReadUploadAsync(HttpRequest request, CancellationToken ct)
    {
        if (!request.HasFormContentType)
        {
            var body = await AdminEndpoints.ReadAsync(request, JobsJsonContext.Default.JobUploadRequest, ct);
            return body.Csv is null || body.TemplateId == Guid.Empty
                ? throw NotifyApiException.Validation(["template_id and csv are required"])
                : new JobUpload(body.TemplateId, body.Name ?? "upload.csv", body.Csv, body.ScheduledFor);
        }

        IFormCollection form;
        try
        {
            form = await request.ReadFormAsync(ct);
        }
        catch (InvalidDataException)
        {
            throw NotifyApiException.BadRequest("The form could not be read");
        }

        var templateText = form["template_id"].ToString();
        if (!Guid.TryParseExact(templateText, "D", out var templateId))
        {
            throw NotifyApiException.Validation([templateText.Length == 0 ? "template_id is a required property" : "template_id is not a valid UUID"]);
        }

        var scheduledFor = form["scheduled_for"].ToString();
        if (form.Files.GetFile("file") is { } file)
        {
            using var reader = new StreamReader(file.OpenReadStream(), Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
            var name = ContentDispositionHeaderValue.TryParse(file.ContentDisposition, out var disposition) ? disposition.FileName.Value?.Trim('"') : null;
            return new JobUpload(templateId, name ?? file.FileName, await reader.ReadToEndAsync(ct), scheduledFor);
        }

        var csv = form["csv"].ToString();
        return csv.Length == 0
            ? throw NotifyApiException.Validation(["file is a required part: the CSV file"])
            : new JobUpload(templateId, form["name"].ToString(), csv, scheduledFor);
    }
}
