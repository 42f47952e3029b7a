using System.Text;
using Herald.AdminUi.Services;
using Herald.Jobs;
using Herald.NotifyFormat;
using Herald.Services;
using Herald.Templates;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Herald.AdminUi.Pages.Services;

public sealed class JobsModel(ServiceAdministration services, TemplateAdministration templates, JobAdministration jobs, JobUploads uploads) : PageModel
{
    public ServiceResponse Service { get; private set; } = null!;

    public IReadOnlyList<AdminTemplateResponse> Templates { get; private set; } = [];

    public IReadOnlyList<JobResponse> Jobs { get; private set; } = [];

    /// <summary>Where the next page starts (the last job of this one), or null on the last page.</summary>
    public Guid? Older { get; private set; }

    public bool Paged { get; private set; }

    /// <summary>A page address the list did not make.</summary>
    public string? ListError { get; private set; }

    public JobUploadErrors Errors { get; private set; } = JobUploadErrors.None;

    public string? TemplateId { get; private set; }

    public string? ScheduledFor { get; private set; }

    public string TemplateName(Guid id) => Templates.FirstOrDefault(t => t.Id == id)?.Name ?? "(deleted template)";

    public Task<IActionResult> OnGetAsync(Guid id, string? older, CancellationToken cancellationToken) => LoadAsync(id, older, cancellationToken);

    public async Task<IActionResult> OnPostAsync(Guid id, IFormFile? file, string? template_id, string? scheduled_for, CancellationToken cancellationToken)
    {
        if (!AdminUiAccess.CanEdit(User))
        {
            return Forbid();
        }

        (TemplateId, ScheduledFor) = (template_id, scheduled_for);
        List<string> errors = [];
        if (!Guid.TryParseExact(template_id, "D", out var templateId))
        {
            errors.Add("Choose a template");
        }

        if (file is null || file.Length == 0)
        {
            errors.Add("Choose a CSV file to upload");
        }

        if (errors.Count == 0)
        {
            try
            {
                var job = await uploads.UploadAsync(id, new JobUpload(templateId, file!.FileName, await ReadAsync(file, cancellationToken), scheduled_for), cancellationToken);
                return Redirect($"/admin/services/{id}/jobs/{job.Id}");
            }
            catch (NotifyApiException ex) when (ex.StatusCode is 400 or 429)
            {
                errors.AddRange(ex.Messages);
            }
            catch (NotifyApiException ex) when (ex.StatusCode == 404)
            {
                return NotFound();
            }
        }

        Errors = JobUploadErrors.From(errors);
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return await LoadAsync(id, null, cancellationToken);
    }

    /// <summary>As the admin API reads a file: UTF-8, a byte order mark dropped.</summary>
    private static async Task<string> ReadAsync(IFormFile file, CancellationToken cancellationToken)
    {
        using var reader = new StreamReader(file.OpenReadStream(), Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
        return await reader.ReadToEndAsync(cancellationToken);
    }

    private async Task<IActionResult> LoadAsync(Guid id, string? older, CancellationToken cancellationToken)
    {
        try
        {
            Service = await services.GetServiceAsync(id, cancellationToken);
            Templates = await templates.ListTemplatesAsync(id, cancellationToken);
        }
        catch (NotifyApiException ex) when (ex.StatusCode == 404)
        {
            return NotFound();
        }

        Guid? olderThan = null;
        if (!string.IsNullOrEmpty(older))
        {
            Paged = true;
            if (Guid.TryParseExact(older, "D", out var parsed))
            {
                olderThan = parsed;
            }
            else
            {
                ListError = "That page address is not one the list made.";
                return Page();
            }
        }

        try
        {
            (Jobs, Older) = await jobs.ListAsync(id, olderThan, JobAdministration.PageSize, cancellationToken);
        }
        catch (NotifyApiException ex) when (ex.StatusCode == 400)
        {
            ListError = "That page address is not one the list made.";
        }

        return Page();
    }
}
