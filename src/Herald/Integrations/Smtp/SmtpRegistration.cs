using Herald.Providers;
using Herald.Providers.Instances;

namespace Herald.Integrations.Smtp;

public static class SmtpRegistration
{
    /// <summary>The smtp provider type and its options (<c>Providers:Smtp</c>).</summary>
    public static IHostApplicationBuilder AddSmtpProvider(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<SmtpOptions>().BindConfiguration(SmtpOptions.Section).ValidateDataAnnotations()
            .Validate(o => o.Host.Length > 0 || !DeclaredProviderOptions.Declares(builder.Configuration, SmtpEmailProvider.ProviderName), "Providers:Smtp:Host is required when Delivery:EmailProvider is smtp.")
            .ValidateOnStart();
        services.AddProviderType<SmtpProviderType>();
        return builder;
    }
}
