using Herald.Providers.Capture;
using Herald.Providers.Mailgun;
using Herald.Providers.Smtp;
using Herald.Providers.Twilio;
using Herald.Providers.Vonage;

namespace Herald.Providers.Instances;

/// <summary>The provider types Herald has adapters for: their channel, settings class and secret settings.</summary>
public static class ProviderTypes
{
    public const string Email = "email";
    public const string Sms = "sms";

    public static readonly IReadOnlyList<ProviderType> All =
    [
        new(CaptureProvider.ProviderName, [Email, Sms], typeof(CaptureSettings), [], null),
        new(SmtpEmailProvider.ProviderName, [Email], typeof(SmtpOptions), ["password"], SmtpOptions.Section),
        new(MailgunEmailProvider.ProviderName, [Email], typeof(MailgunOptions), ["api_key", "webhook_signing_key"], MailgunOptions.Section),
        new(TwilioSmsProvider.ProviderName, [Sms], typeof(TwilioOptions), ["auth_token"], TwilioOptions.Section),
        new(VonageSmsProvider.ProviderName, [Sms], typeof(VonageOptions), ["api_secret", "webhook_token"], VonageOptions.Section),
    ];

    public static ProviderType? Find(string? name) => All.FirstOrDefault(t => t.Name == name);
}

/// <param name="Secrets">Settings (snake_case) that are never returned by the admin API.</param>
/// <param name="ConfigurationSection">Where <c>Delivery:*Provider</c> finds the settings of the instance it declares.</param>
public sealed record ProviderType(string Name, IReadOnlyList<string> Channels, Type SettingsType, IReadOnlyList<string> Secrets, string? ConfigurationSection);

/// <summary>The capture provider takes no settings.</summary>
public sealed class CaptureSettings;
