using Herald.Admin.Users;
using Herald.NotifyFormat;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Herald.AdminUi.Pages.Users;

/// <summary>One user: their role, deleting them, and their admin API tokens.</summary>
[Authorize(Policy = AdminUiPolicies.Owner)]
public sealed class UserDetailModel(UserAdministration users) : PageModel
{
    public AdminUser UserShown { get; private set; } = null!;

    public IReadOnlyList<AdminUserToken> Tokens { get; private set; } = [];

    public IReadOnlyList<string> Errors { get; private set; } = [];

    /// <summary>A token just created: its secret is on this one answer only, never redirected to or stored.</summary>
    public CreatedAdminUserToken? NewToken { get; private set; }

    public string? Notice { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id, string? done, CancellationToken cancellationToken)
    {
        Notice = done switch
        {
            "role" => "Role changed.",
            "revoked" => "Token revoked.",
            _ => null,
        };
        return await ShowAsync(id, cancellationToken);
    }

    public async Task<IActionResult> OnPostRoleAsync(Guid id, string? role, CancellationToken cancellationToken)
    {
        if (!AdminUiAccess.IsOwner(User))
        {
            return Forbid();
        }

        return await ChangeAsync(id, async () =>
        {
            var parsed = AdminRoleNames.Parse(role) ?? throw NotifyApiException.Validation([$"role is not one of {AdminRoleNames.Choices}"]);
            await users.UpdateAsync(id, null, parsed, null, cancellationToken);
            return RedirectToPage(new { id, done = "role" });
        }, cancellationToken);
    }

    public async Task<IActionResult> OnPostDeleteAsync(Guid id, CancellationToken cancellationToken)
    {
        if (!AdminUiAccess.IsOwner(User))
        {
            return Forbid();
        }

        return await ChangeAsync(id, async () =>
        {
            var user = await users.GetAsync(id, cancellationToken) ?? throw NotifyApiException.NotFound();
            await users.DeleteAsync(id, cancellationToken);
            return RedirectToPage("Index", new { deleted = user.Email });
        }, cancellationToken);
    }

    public async Task<IActionResult> OnPostCreateTokenAsync(Guid id, string? name, CancellationToken cancellationToken)
    {
        if (!AdminUiAccess.IsOwner(User))
        {
            return Forbid();
        }

        return await ChangeAsync(id, async () =>
        {
            NewToken = await users.CreateTokenAsync(id, name ?? "", cancellationToken);
            return await ShowAsync(id, cancellationToken);
        }, cancellationToken);
    }

    public async Task<IActionResult> OnPostRevokeTokenAsync(Guid id, Guid tokenId, CancellationToken cancellationToken)
    {
        if (!AdminUiAccess.IsOwner(User))
        {
            return Forbid();
        }

        return await ChangeAsync(id, async () =>
        {
            await users.RevokeTokenAsync(id, tokenId, cancellationToken);
            return RedirectToPage(new { id, done = "revoked" });
        }, cancellationToken);
    }

    /// <summary>Runs a change; refused, the page again with the reasons (and a 400), or a 404 for a user that is gone.</summary>
    private async Task<IActionResult> ChangeAsync(Guid id, Func<Task<IActionResult>> change, CancellationToken cancellationToken)
    {
        try
        {
            return await change();
        }
        catch (NotifyApiException e)
        {
            if (e.StatusCode == StatusCodes.Status404NotFound && await users.GetAsync(id, cancellationToken) is null)
            {
                return NotFound();
            }

            Errors = e.StatusCode == StatusCodes.Status404NotFound ? ["That token no longer exists"] : e.Messages;
            var shown = await ShowAsync(id, cancellationToken);
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return shown;
        }
    }

    private async Task<IActionResult> ShowAsync(Guid id, CancellationToken cancellationToken)
    {
        if (await users.GetAsync(id, cancellationToken) is not { } user)
        {
            return NotFound();
        }

        UserShown = user;
        Tokens = await users.ListTokensAsync(id, cancellationToken);
        return Page();
    }
}
