using Herald.Admin.Users;
using Herald.AdminUi.Messages;
using Herald.AdminUi.Operations;
using Microsoft.AspNetCore.Authentication.Cookies;

namespace Herald.AdminUi;

/// <summary>
/// The admin web UI at <c>/admin</c>: Razor Pages rendered on the server (<c>AdminUi/Pages</c>),
/// signed in with a cookie, each page behind the role it needs (<see cref="AdminUiPolicies"/>).
/// </summary>
public static class AdminUiRegistration
{
    public const string Path = "/admin";

    public static IHostApplicationBuilder AddAdminUi(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddSingleton<Dashboard.DashboardQuery>();
        Services.ServicePages.AddServicePages(services);
        services.AddOperationsPages();
        services.AddMessagePages();
        services.AddRazorPages(o =>
        {
            o.RootDirectory = "/AdminUi/Pages";
            o.Conventions.AuthorizeFolder("/", AdminUiPolicies.Viewer);
            o.Conventions.AllowAnonymousToPage("/SignIn");
        })
            // Named, because MVC looks for pages in the entry assembly, which is not Herald's when
            // another program (a test host, a benchmark) builds the host.
            .AddApplicationPart(typeof(AdminUiRegistration).Assembly);
        services.AddAuthentication(AdminUiCookie.Scheme).AddCookie(AdminUiCookie.Scheme, AdminUiCookie.Configure);
        services.AddAuthorizationBuilder()
            .AddPolicy(AdminUiPolicies.Viewer, p => p.AddAuthenticationSchemes(AdminUiCookie.Scheme).RequireAuthenticatedUser())
            .AddPolicy(AdminUiPolicies.Editor, p => p.AddAuthenticationSchemes(AdminUiCookie.Scheme).RequireRole(AdminRoleNames.Name(AdminRole.Editor), AdminRoleNames.Name(AdminRole.Owner)))
            .AddPolicy(AdminUiPolicies.Owner, p => p.AddAuthenticationSchemes(AdminUiCookie.Scheme).RequireRole(AdminRoleNames.Name(AdminRole.Owner)));
        services.AddAntiforgery(o =>
        {
            o.Cookie.Name = "herald-antiforgery";
            o.Cookie.Path = Path;
            o.Cookie.SameSite = SameSiteMode.Strict;
        });
        return builder;
    }

    public static WebApplication MapAdminUi(this WebApplication app)
    {
        app.UseAuthentication();
        app.UseAuthorization();
        app.MapAdminUiAssets();
        app.MapRazorPages();
        return app;
    }
}
