using System.Security.Claims;
using Herald.AdminUi.Operations;
using Herald.NotifyFormat;
using Herald.Providers.Instances;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Herald.AdminUi.Pages.Providers;

public sealed class ProvidersModel(ProviderOverviewQuery overview, ProviderAdministration providers) : PageModel
{
    public ProviderOverview Overview { get; private set; } = null!;

    public IReadOnlyList<string> Errors { get; private set; } = [];

    /// <summary>The form's values, kept when it is refused.</summary>
    public Guid? ProviderId { get; private set; }

    public int? Weight { get; private set; }

    public string? Reason { get; private set; }

    /// <summary>The instance just changed, after the redirect.</summary>
    public string? Changed { get; private set; }

    public async Task OnGetAsync(string? changed, CancellationToken cancellationToken)
    {
        Changed = changed;
        Overview = await overview.LoadAsync(cancellationToken);
    }

    public async Task<IActionResult> OnPostWeightAsync(string? providerId, string? weight, string? reason, CancellationToken cancellationToken)
    {
        if (!AdminUiAccess.CanEdit(User))
        {
            return Forbid();
        }

        var errors = new List<string>();
        var id = Guid.TryParse(providerId, out var parsedId) ? parsedId : (Guid?)null;
        var priority = int.TryParse(weight, out var parsedWeight) ? parsedWeight : (int?)null;
        if (id is null)
        {
            errors.Add("Choose the provider to change");
        }

        if (priority is null)
        {
            errors.Add("weight must be a whole number from 0 to 100");
        }

        if (errors.Count == 0)
        {
            try
            {
                var changed = await providers.UpdateAsync(id!.Value, new UpdateProviderRequest(priority, null, null, reason, User.FindFirstValue(ClaimTypes.Name)), cancellationToken);
                return RedirectToPage(new { changed = changed.Name });
            }
            catch (NotifyApiException e)
            {
                errors.AddRange(e.StatusCode == StatusCodes.Status404NotFound ? ["That provider no longer exists"] : e.Messages);
            }
        }

        Errors = errors;
        (ProviderId, Weight, Reason) = (id, priority, reason);
        Overview = await overview.LoadAsync(cancellationToken);
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }
}
