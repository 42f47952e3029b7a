using Herald.AdminUi.Services;
using Herald.NotifyFormat;
using Herald.Services;
using Herald.Templates;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Herald.AdminUi.Pages.Services;

public sealed class TemplateModel(ServiceAdministration services, TemplateAdministration templates, ServicePagesQuery query, Herald.Facts.ServiceStatistics statistics) : PageModel
{
    public ServiceResponse Service { get; private set; } = null!;

    public CurrentTemplateVersion Template { get; private set; } = null!;

    public IReadOnlyList<TemplateVersionRecord> Versions { get; private set; } = [];

    public TemplatePreview Preview { get; private set; } = null!;

    public IReadOnlyList<string> Errors { get; private set; } = [];

    /// <summary>When a notification last used this template (API time), or null for never.</summary>
    public string? LastUsed { get; private set; }

    public bool Saved { get; private set; }

    public string Name { get; private set; } = "";

    public string? Subject { get; private set; }

    public string Body { get; private set; } = "";

    public async Task<IActionResult> OnGetAsync(Guid id, Guid templateId, bool saved, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, templateId, cancellationToken))
        {
            return NotFound();
        }

        Saved = saved;
        (Name, Subject, Body) = (Template.Version.Name, Template.Version.Subject, Template.Version.Body);
        Preview = Render(Subject, Body, new Dictionary<string, string>());
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(
        Guid id, Guid templateId, string? name, string? subject, string? body, string[] sampleName, string[] sampleValue, CancellationToken cancellationToken)
    {
        if (!AdminUiAccess.CanEdit(User))
        {
            return Forbid();
        }

        try
        {
            await templates.UpdateTemplateAsync(id, templateId, new UpdateTemplateRequest(name ?? "", subject, body ?? ""), cancellationToken);
            return Redirect($"/admin/services/{id}/templates/{templateId}?saved=true");
        }
        catch (NotifyApiException ex) when (ex.StatusCode == 400)
        {
            if (!await LoadAsync(id, templateId, cancellationToken))
            {
                return NotFound();
            }

            (Errors, Name, Subject, Body) = (ex.Messages, name ?? "", subject, body ?? "");
            Preview = Render(Subject, Body, Samples(sampleName, sampleValue));
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }
        catch (NotifyApiException ex) when (ex.StatusCode == 404)
        {
            return NotFound();
        }
    }

    /// <summary>The htmx request of the editor: the preview of what is typed, not yet saved.</summary>
    public async Task<IActionResult> OnPostPreviewAsync(
        Guid id, Guid templateId, string? subject, string? body, string[] sampleName, string[] sampleValue, CancellationToken cancellationToken)
    {
        if (!AdminUiAccess.CanEdit(User))
        {
            return Forbid();
        }

        if (!await LoadAsync(id, templateId, cancellationToken))
        {
            return NotFound();
        }

        return Partial("_TemplatePreview", Render(subject, body, Samples(sampleName, sampleValue)));
    }

    private TemplatePreview Render(string? subject, string? body, IReadOnlyDictionary<string, string> samples) =>
        TemplatePreview.Render(Template.Template.Type, subject, body, samples, Service.SmsPrefix ? Service.Name : null);

    private static Dictionary<string, string> Samples(string[] names, string[] values)
    {
        var samples = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < Math.Min(names.Length, values.Length) && i < TemplatePreview.MaxSamples; i++)
        {
            samples[names[i]] = values[i];
        }

        return samples;
    }

    private async Task<bool> LoadAsync(Guid id, Guid templateId, CancellationToken cancellationToken)
    {
        try
        {
            Service = await services.GetServiceAsync(id, cancellationToken);
        }
        catch (NotifyApiException ex) when (ex.StatusCode == 404)
        {
            return false;
        }

        var template = await query.GetTemplateAsync(id, templateId, cancellationToken);
        if (template is null)
        {
            return false;
        }

        Template = template;
        Versions = await query.ListVersionsAsync(templateId, cancellationToken);
        LastUsed = (await statistics.LastUsedAsync(id, templateId, cancellationToken)).LastDateUsed;
        return true;
    }
}
