using System.Security.Claims;
using Herald.Admin.Users;

namespace Herald.AdminUi;

/// <summary>
/// What the signed-in user's role lets them do. Pages show their forms only to those who may post
/// them, and every POST handler checks again (<see cref="CanEdit"/>, then <c>Forbid()</c>): a hidden
/// form is no protection.
/// </summary>
public static class AdminUiAccess
{
    public static AdminRole Role(ClaimsPrincipal user) =>
        AdminRoleNames.Parse(user.FindFirstValue(ClaimTypes.Role)) ?? AdminRole.Viewer;

    /// <summary>Editors and owners: templates, keys, settings, providers, replays.</summary>
    public static bool CanEdit(ClaimsPrincipal user) => user.Identity?.IsAuthenticated == true && Role(user) >= AdminRole.Editor;

    /// <summary>Owners only: users.</summary>
    public static bool IsOwner(ClaimsPrincipal user) => user.Identity?.IsAuthenticated == true && Role(user) == AdminRole.Owner;
}
