using Herald.Providers.Capture;
using Herald.Providers.Mailgun;
using Herald.Providers.Smtp;
using Herald.Providers.Twilio;
using Herald.Providers.Vonage;

namespace Herald.Providers.Instances;

/// <summary>Builds the adapter for one instance from its settings.</summary>
public sealed class ProviderAdapterFactory(IHttpClientFactory httpClients, CaptureProvider capture, TimeProvider time)
{
    public ProviderAdapter Create(string name, ProviderSettings settings) => new(settings.Typed switch
    {
        SmtpOptions o => new SmtpEmailProvider(name, o, time),
        MailgunOptions o => new MailgunEmailProvider(name, o, httpClients),
        TwilioOptions o => new TwilioSmsProvider(name, o, httpClients),
        VonageOptions o => new VonageSmsProvider(name, o, httpClients),
        _ => capture,
    }, settings.Typed is SmtpOptions smtp ? Math.Min(settings.Common.MaxConcurrency, smtp.PoolSize) : settings.Common.MaxConcurrency);
}
