using Herald.Admin.Users;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Herald.AdminUi.Pages;

public sealed class SignInModel(UserAdministration users, ILogger<SignInModel> logger) : PageModel
{
    public bool Failed { get; private set; }

    public string? Email { get; private set; }

    public string? ReturnUrl { get; private set; }

    public void OnGet(string? returnUrl) => ReturnUrl = returnUrl;

    public async Task<IActionResult> OnPostAsync(string? email, string? password, string? returnUrl, CancellationToken cancellationToken)
    {
        var user = string.IsNullOrWhiteSpace(email) || string.IsNullOrEmpty(password) ? null : await users.SignInAsync(email, password, cancellationToken);
        if (user is null)
        {
            Log.SignInRefused(logger, HttpContext.Connection.RemoteIpAddress?.ToString() ?? "unknown");
            Failed = true;
            Email = email;
            ReturnUrl = returnUrl;
            Response.StatusCode = StatusCodes.Status401Unauthorized;
            return Page();
        }

        await HttpContext.SignInAsync(AdminUiCookie.Scheme, AdminUiCookie.Principal(user));
        Log.SignedIn(logger, user.Id);
        return LocalRedirect(Url.IsLocalUrl(returnUrl) && returnUrl.StartsWith(AdminUiRegistration.Path, StringComparison.Ordinal) ? returnUrl : AdminUiRegistration.Path);
    }
}
