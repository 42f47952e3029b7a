using System.Text;
using Herald.AdminUi.Services;
using Herald.Jobs;
using Herald.NotifyFormat;
using Herald.Services;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Herald.AdminUi.Pages.Services;

public sealed class JobModel(ServiceAdministration services, ServicePagesQuery query, JobAdministration jobs) : PageModel
{
    public ServiceResponse Service { get; private set; } = null!;

    public JobResponse Job { get; private set; } = null!;

    public string TemplateName { get; private set; } = "";

    public bool Cancelled { get; private set; }

    public IReadOnlyList<string> Errors { get; private set; } = [];

    public Task<IActionResult> OnGetAsync(Guid id, Guid jobId, bool cancelled, CancellationToken cancellationToken)
    {
        Cancelled = cancelled;
        return LoadAsync(id, jobId, cancellationToken);
    }

    /// <summary>The progress panel alone, which the page polls with htmx until the job has settled.</summary>
    public async Task<IActionResult> OnGetProgressAsync(Guid id, Guid jobId, CancellationToken cancellationToken)
    {
        try
        {
            return Partial("_JobProgress", new JobProgress(id, await jobs.FindAsync(id, jobId, cancellationToken)));
        }
        catch (NotifyApiException ex) when (ex.StatusCode == 404)
        {
            return NotFound();
        }
    }

    /// <summary>The file as uploaded; its recipients are no more than the message log shows a viewer.</summary>
    public async Task<IActionResult> OnGetCsvAsync(Guid id, Guid jobId, CancellationToken cancellationToken)
    {
        try
        {
            var (name, csv) = await jobs.FileAsync(id, jobId, cancellationToken);
            return File(Encoding.UTF8.GetBytes(csv), "text/csv; charset=utf-8", name);
        }
        catch (NotifyApiException ex) when (ex.StatusCode == 404)
        {
            return NotFound();
        }
    }

    public async Task<IActionResult> OnPostCancelAsync(Guid id, Guid jobId, CancellationToken cancellationToken)
    {
        if (!AdminUiAccess.CanEdit(User))
        {
            return Forbid();
        }

        try
        {
            await jobs.CancelAsync(id, jobId, cancellationToken);
            return Redirect($"/admin/services/{id}/jobs/{jobId}?cancelled=true");
        }
        catch (NotifyApiException ex) when (ex.StatusCode == 400)
        {
            // Finished or cancelled meanwhile (by the processor, or in another tab).
            Errors = ex.Messages;
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return await LoadAsync(id, jobId, cancellationToken);
        }
        catch (NotifyApiException ex) when (ex.StatusCode == 404)
        {
            return NotFound();
        }
    }

    private async Task<IActionResult> LoadAsync(Guid id, Guid jobId, CancellationToken cancellationToken)
    {
        try
        {
            Service = await services.GetServiceAsync(id, cancellationToken);
            Job = await jobs.FindAsync(id, jobId, cancellationToken);
        }
        catch (NotifyApiException ex) when (ex.StatusCode == 404)
        {
            return NotFound();
        }

        TemplateName = (await query.GetTemplateAsync(id, Job.TemplateId, cancellationToken))?.Version.Name ?? "(deleted template)";
        return Page();
    }
}
