namespace Herald.Services;

public static class ServiceRegistration
{
    /// <summary>The service directory (services, keys and callback registrations, cached) and API key secrets.</summary>
    public static IHostApplicationBuilder AddServices(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddSingleton<ApiKeySecrets>();
        services.AddSingleton<ServiceDirectory>();
        return builder;
    }
}
