using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Herald.Storage;

public static class StorageServiceCollectionExtensions
{
    /// <summary>The database (from <c>Database</c> / <c>Data</c> / <c>Durability</c>), scoped <see cref="HeraldDbContext"/>s, the migrator and this node's identity.</summary>
    public static IHostApplicationBuilder AddStorage(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<StorageOptions>().Bind(builder.Configuration)
            .Validate(o => TryResolve(o), "Database must be sqlite:PATH, a PostgreSQL connection string or a postgres:// URL.")
            .ValidateOnStart();
        services.AddSingleton<IInterceptor, DatabaseRoundTrips>();
        services.AddSingleton(sp => new HeraldDatabase(
            sp.GetRequiredService<IOptions<StorageOptions>>().Value.ResolveTarget(),
            [.. sp.GetServices<IInterceptor>()]));
        services.AddScoped(sp => sp.GetRequiredService<HeraldDatabase>().CreateContext());
        services.AddSingleton<DatabaseMigrator>();
        services.AddOptions<NodeOptions>().BindConfiguration(NodeOptions.Section)
            .Validate(o => o.Id is null || NodeOptions.IsValidId(o.Id), $"Node:Id must be 1 to {NodeOptions.MaxIdLength} letters, digits or .-_: characters.")
            .ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<NodeIdentity>();
        return builder;
    }

    private static bool TryResolve(StorageOptions options)
    {
        try
        {
            options.ResolveTarget();
            return true;
        }
        catch (Exception ex) when (ex is FormatException or ArgumentException)
        {
            return false;
        }
    }
}
