using System.Security.Claims;
using Herald.Admin.Users;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;

namespace Herald.AdminUi;

/// <summary>
/// The UI's session: an HTTP-only, same-site cookie scoped to <c>/admin</c>, sliding over eight
/// hours. Each request checks the user still exists and takes their current role, so a demoted
/// or deleted user loses their rights at once rather than when the cookie expires.
/// </summary>
internal static class AdminUiCookie
{
    public const string Scheme = "HeraldAdmin";

    public static void Configure(CookieAuthenticationOptions o)
    {
        o.Cookie.Name = "herald-admin";
        o.Cookie.Path = AdminUiRegistration.Path;
        o.Cookie.HttpOnly = true;
        o.Cookie.SameSite = SameSiteMode.Strict;
        o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
        o.ExpireTimeSpan = TimeSpan.FromHours(8);
        o.SlidingExpiration = true;
        o.LoginPath = AdminUiRegistration.Path + "/sign-in";
        o.AccessDeniedPath = AdminUiRegistration.Path + "/denied";
        o.Events.OnValidatePrincipal = ValidateAsync;
    }

    public static ClaimsPrincipal Principal(AdminUser user) =>
        new(new ClaimsIdentity(
            [
                new Claim(ClaimTypes.NameIdentifier, user.Id.ToString()),
                new Claim(ClaimTypes.Name, user.Email),
                new Claim(ClaimTypes.GivenName, user.Name),
                new Claim(ClaimTypes.Role, AdminRoleNames.Name(user.Role)),
            ],
            Scheme));

    private static async Task ValidateAsync(CookieValidatePrincipalContext context)
    {
        var users = context.HttpContext.RequestServices.GetRequiredService<UserAdministration>();
        var id = context.Principal?.FindFirstValue(ClaimTypes.NameIdentifier);
        var user = Guid.TryParse(id, out var userId) ? await users.GetAsync(userId, context.HttpContext.RequestAborted) : null;
        if (user is null)
        {
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(Scheme);
            return;
        }

        if (context.Principal!.FindFirstValue(ClaimTypes.Role) != AdminRoleNames.Name(user.Role))
        {
            context.ReplacePrincipal(Principal(user));
            context.ShouldRenew = true;
        }
    }
}
