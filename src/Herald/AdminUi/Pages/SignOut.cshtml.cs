using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Herald.AdminUi.Pages;

public sealed class SignOutModel : PageModel
{
    public IActionResult OnGet() => Redirect(AdminUiRegistration.Path);

    public async Task<IActionResult> OnPostAsync()
    {
        await HttpContext.SignOutAsync(AdminUiCookie.Scheme);
        return Redirect(AdminUiRegistration.Path + "/sign-in");
    }
}
