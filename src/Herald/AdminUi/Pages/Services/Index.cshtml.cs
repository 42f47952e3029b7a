using Herald.NotifyFormat;
using Herald.Services;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Herald.AdminUi.Pages.Services;

public sealed class IndexModel(ServiceAdministration services) : PageModel
{
    public IReadOnlyList<ServiceResponse> Services { get; private set; } = [];

    public IReadOnlyList<string> Errors { get; private set; } = [];

    public string? Name { get; private set; }

    public bool Restricted { get; private set; } = true;

    public async Task OnGetAsync(CancellationToken cancellationToken) => Services = await services.ListServicesAsync(cancellationToken);

    public async Task<IActionResult> OnPostAsync(string? name, bool restricted, CancellationToken cancellationToken)
    {
        if (!AdminUiAccess.CanEdit(User))
        {
            return Forbid();
        }

        try
        {
            var created = await services.CreateServiceAsync(new CreateServiceRequest(name, restricted, null, null), cancellationToken);
            return Redirect($"/admin/services/{created.Id}");
        }
        catch (NotifyApiException ex) when (ex.StatusCode == 400)
        {
            Errors = ex.Messages;
            Name = name;
            Restricted = restricted;
            Services = await services.ListServicesAsync(cancellationToken);
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }
    }
}
