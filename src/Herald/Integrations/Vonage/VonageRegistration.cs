using Herald.Providers;
using Herald.Providers.Instances;

namespace Herald.Integrations.Vonage;

public static class VonageRegistration
{
    /// <summary>The vonage provider type, its options (<c>Providers:Vonage</c>) and its HTTP client.</summary>
    public static IHostApplicationBuilder AddVonageProvider(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<VonageOptions>().BindConfiguration(VonageOptions.Section)
            .Validate(o => (o.ApiKey.Length > 0 && o.ApiSecret.Length > 0) || !DeclaredProviderOptions.Declares(builder.Configuration, VonageSmsProvider.ProviderName),
                "Providers:Vonage:ApiKey and ApiSecret are required when Delivery:SmsProvider is vonage.")
            .Validate(o => o.WebhookToken.Length is 0 or >= 16, "Providers:Vonage:WebhookToken must be at least 16 characters.")
            .ValidateOnStart();
        ProviderHttp.AddClient(services, VonageSmsProvider.HttpClientName, TimeSpan.FromSeconds(10));
        services.AddProviderType<VonageProviderType>();
        return builder;
    }
}
