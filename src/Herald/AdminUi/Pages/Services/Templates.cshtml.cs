using Herald.NotifyFormat;
using Herald.Services;
using Herald.Templates;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Herald.AdminUi.Pages.Services;

public sealed class TemplatesModel(ServiceAdministration services, TemplateAdministration templates) : PageModel
{
    public ServiceResponse Service { get; private set; } = null!;

    public IReadOnlyList<AdminTemplateResponse> Templates { get; private set; } = [];

    public IReadOnlyList<string> Errors { get; private set; } = [];

    public string? Name { get; private set; }

    public string? Type { get; private set; }

    public string? Subject { get; private set; }

    public string? Body { get; private set; }

    public Task<IActionResult> OnGetAsync(Guid id, CancellationToken cancellationToken) => LoadAsync(id, cancellationToken);

    public async Task<IActionResult> OnPostAsync(Guid id, string? name, string? type, string? subject, string? body, CancellationToken cancellationToken)
    {
        if (!AdminUiAccess.CanEdit(User))
        {
            return Forbid();
        }

        try
        {
            var created = await templates.CreateTemplateAsync(id, new CreateTemplateRequest(name, type, string.IsNullOrEmpty(subject) ? null : subject, body), cancellationToken);
            return Redirect($"/admin/services/{id}/templates/{created.Id}");
        }
        catch (NotifyApiException ex) when (ex.StatusCode == 400)
        {
            (Errors, Name, Type, Subject, Body) = (ex.Messages, name, type, subject, body);
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return await LoadAsync(id, cancellationToken);
        }
        catch (NotifyApiException ex) when (ex.StatusCode == 404)
        {
            return NotFound();
        }
    }

    private async Task<IActionResult> LoadAsync(Guid id, CancellationToken cancellationToken)
    {
        try
        {
            Service = await services.GetServiceAsync(id, cancellationToken);
            Templates = await templates.ListTemplatesAsync(id, cancellationToken);
            return Page();
        }
        catch (NotifyApiException ex) when (ex.StatusCode == 404)
        {
            return NotFound();
        }
    }
}
