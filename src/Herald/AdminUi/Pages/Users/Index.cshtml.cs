using Herald.Admin.Users;
using Herald.NotifyFormat;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Herald.AdminUi.Pages.Users;

[Authorize(Policy = AdminUiPolicies.Owner)]
public sealed class UsersModel(UserAdministration users) : PageModel
{
    public IReadOnlyList<AdminUser> Users { get; private set; } = [];

    public IReadOnlyList<string> Errors { get; private set; } = [];

    /// <summary>The create form's values, kept when it is refused (never the password).</summary>
    public string? Email { get; private set; }

    public string? Name { get; private set; }

    public string? Role { get; private set; }

    public string? Created { get; private set; }

    public string? Deleted { get; private set; }

    public async Task OnGetAsync(string? created, string? deleted, CancellationToken cancellationToken)
    {
        (Created, Deleted) = (created, deleted);
        Users = await users.ListAsync(cancellationToken);
    }

    public async Task<IActionResult> OnPostCreateAsync(string? email, string? name, string? role, string? password, CancellationToken cancellationToken)
    {
        if (!AdminUiAccess.IsOwner(User))
        {
            return Forbid();
        }

        var parsedRole = AdminRoleNames.Parse(role);
        try
        {
            if (parsedRole is null)
            {
                throw NotifyApiException.Validation([$"role is not one of {AdminRoleNames.Choices}"]);
            }

            var user = await users.CreateAsync(email ?? "", name ?? "", parsedRole.Value, password ?? "", cancellationToken);
            return RedirectToPage(new { created = user.Email });
        }
        catch (NotifyApiException e)
        {
            Errors = e.Messages;
            (Email, Name, Role) = (email, name, role);
            Users = await users.ListAsync(cancellationToken);
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }
    }
}
