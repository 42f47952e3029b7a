using Herald.Providers;
using Herald.Providers.Instances;

namespace Herald.Integrations.Twilio;

public static class TwilioRegistration
{
    /// <summary>The twilio provider type, its options (<c>Providers:Twilio</c>) and its HTTP client.</summary>
    public static IHostApplicationBuilder AddTwilioProvider(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<TwilioOptions>().BindConfiguration(TwilioOptions.Section)
            .Validate(o => (o.AccountSid.Length > 0 && o.AuthToken.Length > 0) || !DeclaredProviderOptions.Declares(builder.Configuration, TwilioSmsProvider.ProviderName),
                "Providers:Twilio:AccountSid and AuthToken are required when Delivery:SmsProvider is twilio.")
            .ValidateOnStart();
        ProviderHttp.AddClient(services, TwilioSmsProvider.HttpClientName, TimeSpan.FromSeconds(10));
        services.AddProviderType<TwilioProviderType>();
        return builder;
    }
}
