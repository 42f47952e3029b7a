using Herald.Settings;
using Microsoft.AspNetCore.Identity;

namespace Herald.Admin.Users;

public static class UserRegistration
{
    /// <summary>Admin users, their roles and tokens; in a process that serves the API, the first owner at start.</summary>
    public static IHostApplicationBuilder AddAdminUsers(this IHostApplicationBuilder builder, HeraldRole role)
    {
        var services = builder.Services;
        services.AddOptions<AdminUserOptions>().BindConfiguration(AdminUserOptions.Section);
        services.AddSingleton<IPasswordHasher<AdminUserRecord>, PasswordHasher<AdminUserRecord>>();
        services.AddSingleton<UserAdministration>();
        if (role.ServesApi())
        {
            services.AddHostedService<FirstOwner>();
        }

        return builder;
    }
}
