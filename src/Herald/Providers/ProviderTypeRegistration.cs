using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Herald.Providers;

public static class ProviderTypeRegistration
{
    /// <summary>Makes <typeparamref name="T"/> a type that provider instances can have; the order of registration is the order listed.</summary>
    public static IServiceCollection AddProviderType<T>(this IServiceCollection services)
        where T : ProviderType
    {
        services.TryAddEnumerable(ServiceDescriptor.Singleton<ProviderType, T>());
        return services;
    }

    /// <summary>Every registered provider type's webhooks.</summary>
    public static IEndpointRouteBuilder MapProviderWebhooks(this IEndpointRouteBuilder endpoints)
    {
        foreach (var type in endpoints.ServiceProvider.GetServices<ProviderType>())
        {
            type.MapWebhooks(endpoints);
        }

        return endpoints;
    }
}
