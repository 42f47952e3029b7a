namespace Herald.AdminUi.Operations;

/// <summary>The operations pages' queries: providers, pushers, dead items, the dev inbox and users.</summary>
public static class OperationsPagesRegistration
{
    public static IServiceCollection AddOperationsPages(this IServiceCollection services)
    {
        services.AddSingleton<ProviderOverviewQuery>();
        services.AddSingleton<PusherLookup>();
        return services;
    }
}
