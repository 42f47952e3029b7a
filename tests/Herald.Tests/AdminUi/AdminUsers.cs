using Herald.Admin.Users;
using Herald.Tests.Fixtures;
using Microsoft.Extensions.DependencyInjection;

namespace Herald.Tests.AdminUi;

/// <summary>The users the browser tests sign in as, created in the test's own Herald.</summary>
public static class AdminUsers
{
    public const string OwnerEmail = "owner@example.com";
    public const string Password = "correct horse battery";

    public static string Email(AdminRole role) => $"{AdminRoleNames.Name(role)}@example.com";

    public static Task<AdminUser> CreateAsync(HeraldApp app, AdminRole role) =>
        app.Services.GetRequiredService<UserAdministration>().CreateAsync(Email(role), $"The {AdminRoleNames.Name(role)}", role, Password, CancellationToken.None);

    /// <summary>A tab signed in as a new user of <paramref name="role"/>.</summary>
    public static async Task<AdminPage> SignedInAsync(BrowserFixture browser, HeraldApp app, AdminRole role = AdminRole.Owner, int width = 1280)
    {
        var user = await CreateAsync(app, role);
        var tab = await AdminPage.OpenAsync(browser, app, width);
        await tab.SignInAsync(user.Email, Password);
        return tab;
    }
}
