namespace Herald.AdminUi.Services;

/// <summary>The services pages: a service's settings, its templates (with the live preview) and its API keys.</summary>
public static class ServicePages
{
    public static IServiceCollection AddServicePages(this IServiceCollection services)
    {
        services.AddSingleton<ServicePagesQuery>();
        return services;
    }
}
