using Microsoft.Extensions.Http.Resilience;
using Polly;
using Herald.Providers;
using Herald.Providers.Instances;

namespace Herald.Integrations.Mailgun;

public static class MailgunRegistration
{
    /// <summary>The mailgun provider type, its options (<c>Providers:Mailgun</c>) and its HTTP client.</summary>
    public static IHostApplicationBuilder AddMailgunProvider(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<MailgunOptions>().BindConfiguration(MailgunOptions.Section)
            .Validate(o => (o.ApiKey.Length > 0 && o.Domain.Length > 0) || !DeclaredProviderOptions.Declares(builder.Configuration, MailgunEmailProvider.ProviderName),
                "Providers:Mailgun:ApiKey and Domain are required when Delivery:EmailProvider is mailgun.")
            .ValidateOnStart();
        ProviderHttp.AddClient(services, MailgunEmailProvider.HttpClientName, TimeSpan.FromSeconds(15));
        // The events API is read by the fetch loops, off any request: 429 and 5xx are retried with backoff.
        services.AddHttpClient(MailgunEmailProvider.EventsHttpClientName, client => client.Timeout = TimeSpan.FromSeconds(60))
            .RemoveAllLoggers()
            .AddResilienceHandler("mailgun-events", pipeline => pipeline.AddRetry(new HttpRetryStrategyOptions
            {
                MaxRetryAttempts = 4, BackoffType = DelayBackoffType.Exponential, Delay = TimeSpan.FromSeconds(1), UseJitter = true,
            }));
        services.AddProviderType<MailgunProviderType>();
        return builder;
    }
}
