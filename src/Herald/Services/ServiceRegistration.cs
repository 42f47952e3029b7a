namespace Herald.Services;

public static class ServiceRegistration
{
    /// <summary>The service directory (services, keys and callback registrations, cached), API key secrets and their administration.</summary>
    public static IHostApplicationBuilder AddServices(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddSingleton<ApiKeySecrets>();
        services.AddSingleton<ServiceDirectory>();
        services.AddSingleton<ServiceAdministration>();
        return builder;
    }
}
