namespace Herald.Admin;

public static class AdminRegistration
{
    /// <summary>The admin token and the administration of services, templates, keys and the dev inbox.</summary>
    public static IHostApplicationBuilder AddAdmin(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddSingleton<AdminToken>();
        services.AddSingleton<ServiceAdministration>();
        return builder;
    }
}
