using Herald.AdminUi.Services;
using Herald.NotifyFormat;
using Herald.Services;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Herald.AdminUi.Pages.Services;

public sealed class KeysModel(ServiceAdministration services, ServicePagesQuery query) : PageModel
{
    public ServiceResponse Service { get; private set; } = null!;

    public IReadOnlyList<ApiKeyRow> Keys { get; private set; } = [];

    /// <summary>The key just created: its secret is on this one answer and nowhere else.</summary>
    public ApiKeyCreatedResponse? Created { get; private set; }

    public string? Revoked { get; private set; }

    public IReadOnlyList<string> Errors { get; private set; } = [];

    public static string TypeLabel(KeyType type) => type switch
    {
        KeyType.Normal => "Live",
        KeyType.Team => "Team and guest list",
        _ => "Test",
    };

    public Task<IActionResult> OnGetAsync(Guid id, string? revoked, CancellationToken cancellationToken)
    {
        Revoked = revoked;
        return LoadAsync(id, cancellationToken);
    }

    public async Task<IActionResult> OnPostAsync(Guid id, string? name, string? key_type, CancellationToken cancellationToken)
    {
        if (!AdminUiAccess.CanEdit(User))
        {
            return Forbid();
        }

        try
        {
            // Not redirected: the secret is shown on this answer only, so it is never kept to show after a redirect.
            Created = await services.CreateApiKeyAsync(id, new CreateApiKeyRequest(name, key_type), cancellationToken);
            Response.Headers.CacheControl = "no-store";
        }
        catch (NotifyApiException ex) when (ex.StatusCode == 400)
        {
            Errors = ex.Messages;
            Response.StatusCode = StatusCodes.Status400BadRequest;
        }
        catch (NotifyApiException ex) when (ex.StatusCode == 404)
        {
            return NotFound();
        }

        return await LoadAsync(id, cancellationToken);
    }

    public async Task<IActionResult> OnPostRevokeAsync(Guid id, Guid keyId, CancellationToken cancellationToken)
    {
        if (!AdminUiAccess.CanEdit(User))
        {
            return Forbid();
        }

        var key = (await query.ListKeysAsync(id, cancellationToken)).FirstOrDefault(k => k.Id == keyId);
        if (key is null)
        {
            return NotFound();
        }

        await services.RevokeApiKeyAsync(id, keyId, cancellationToken);
        return Redirect($"/admin/services/{id}/keys?revoked={Uri.EscapeDataString(key.Name)}");
    }

    private async Task<IActionResult> LoadAsync(Guid id, CancellationToken cancellationToken)
    {
        try
        {
            Service = await services.GetServiceAsync(id, cancellationToken);
        }
        catch (NotifyApiException ex) when (ex.StatusCode == 404)
        {
            return NotFound();
        }

        Keys = await query.ListKeysAsync(id, cancellationToken);
        return Page();
    }
}
