using Herald.Providers.Capture;
using Herald.Providers.Switching;
using Herald.Queue;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Herald.Providers.Instances;

public static class ProviderInstancesServiceCollectionExtensions
{
    /// <summary>
    /// Provider instances (configuration and admin API), weighted selection, error counting,
    /// automatic switching and the capture provider (the dev inbox, every channel's default).
    /// Each other provider type registers itself from its own folder (<c>Integrations/*</c>).
    /// </summary>
    public static IHostApplicationBuilder AddProviders(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.TryAddSingleton(Random.Shared);
        services.AddSingleton<CaptureProvider>();
        services.AddSingleton<InboxAdministration>();
        services.AddProviderType<CaptureProviderType>();
        services.AddSingleton<ProviderTypes>();
        services.AddOptions<DeclaredProviderOptions>().BindConfiguration(DeclaredProviderOptions.Section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<DeclaredProviderOptions>, DeclaredProviderValidation>();
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
        return builder;
    }
}
