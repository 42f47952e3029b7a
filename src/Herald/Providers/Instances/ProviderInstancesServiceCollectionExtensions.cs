using Herald.Providers.Switching;
using Herald.Queue;
using Herald.Queue.Periodic;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Herald.Providers.Instances;

public static class ProviderInstancesServiceCollectionExtensions
{
    /// <summary>Provider instances (configuration and admin API), weighted selection, error counting and automatic switching.</summary>
    public static IServiceCollection AddProviderInstances(this IServiceCollection services)
    {
        services.TryAddSingleton(Random.Shared);
        services.AddSingleton<ProviderSettingsProtector>();
        services.AddSingleton<ProviderAdapterFactory>();
        services.AddSingleton<ProviderConfigurationSeeder>();
        services.AddSingleton<ProviderDirectory>();
        services.AddHostedService<ProviderStartupLoad>();
        services.AddSingleton<ProviderSelector>();
        services.AddSingleton<ProviderAdministration>();
        services.AddSingleton<ProviderErrorCounter>();
        services.AddHostedService(sp => sp.GetRequiredService<ProviderErrorCounter>());
        services.AddOptions<SwitchingOptions>().BindConfiguration(SwitchingOptions.Section)
            .Validate(o => o.Step is > 0 and <= 100 && o.SlowRatio is > 0 and <= 1 && o.ErrorThreshold >= 0, "Providers:Switching: Step must be 1-100, SlowRatio in (0, 1], ErrorThreshold ≥ 0.")
            .ValidateOnStart();
        services.AddQueueHandler<ProviderSwitcher>();
        services.AddPeriodicTask(ProviderSwitcher.ShiftSchedule);
        services.AddPeriodicTask(ProviderSwitcher.DriftSchedule);
        return services;
    }
}
