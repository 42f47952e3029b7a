using Herald.Storage;
using Microsoft.AspNetCore.DataProtection;

namespace Herald.Services;

public static class ServiceRegistration
{
    /// <summary>The Data Protection key ring, the service directory (services, keys and callback registrations, cached), API key secrets and their administration.</summary>
    public static IHostApplicationBuilder AddServices(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;

        // One key ring for every node, in the database: it encrypts API key secrets, and provider
        // settings and callback tokens too. Its hosted service loads the ring at start-up, so it
        // is registered after the queue's: the workers start first, as a restarted node should.
        services.AddDataProtection().SetApplicationName("herald").PersistKeysToDbContext<HeraldDbContext>();
        services.AddSingleton<ApiKeySecrets>();
        services.AddSingleton<ServiceDirectory>();
        services.AddSingleton<ServiceAdministration>();
        return builder;
    }
}
