using Microsoft.Extensions.Options;

namespace Herald.Providers.Instances;

/// <summary>The instance configuration declares for each channel (section <c>Delivery</c>).</summary>
public sealed class DeclaredProviderOptions
{
    public const string Section = "Delivery";

    /// <summary>Email provider: <c>capture</c> (default: the dev inbox), <c>smtp</c> or <c>mailgun</c> (see <c>Providers:*</c>).</summary>
    public string EmailProvider { get; set; } = "capture";

    /// <summary>SMS provider: <c>capture</c> (default: the dev inbox), <c>twilio</c> or <c>vonage</c> (see <c>Providers:*</c>).</summary>
    public string SmsProvider { get; set; } = "capture";

    /// <summary>True when configuration declares <paramref name="typeName"/> for a channel (its settings are then required).</summary>
    public static bool Declares(IConfiguration configuration, string typeName) =>
        configuration[$"{Section}:{nameof(EmailProvider)}"] == typeName || configuration[$"{Section}:{nameof(SmsProvider)}"] == typeName;
}

/// <summary>Each declared provider must be a registered type that can be declared for its channel.</summary>
internal sealed class DeclaredProviderValidation(ProviderTypes types) : IValidateOptions<DeclaredProviderOptions>
{
    public ValidateOptionsResult Validate(string? name, DeclaredProviderOptions options)
    {
        var errors = new List<string>();
        Check(errors, nameof(DeclaredProviderOptions.EmailProvider), ProviderChannels.Email, options.EmailProvider);
        Check(errors, nameof(DeclaredProviderOptions.SmsProvider), ProviderChannels.Sms, options.SmsProvider);
        return errors.Count > 0 ? ValidateOptionsResult.Fail(errors) : ValidateOptionsResult.Success;
    }

    private void Check(List<string> errors, string key, string channel, string value)
    {
        var allowed = types.All.Where(t => t.Channels.Contains(channel) && (t.ConfigurationSection is not null || t.Name == Capture.CaptureProvider.ProviderName))
            .Select(t => t.Name).ToList();
        if (!allowed.Contains(value))
        {
            var names = allowed.Count > 1 ? $"{string.Join(", ", allowed[..^1])} or {allowed[^1]}" : string.Join("", allowed);
            errors.Add($"{DeclaredProviderOptions.Section}:{key} must be {names}.");
        }
    }
}
