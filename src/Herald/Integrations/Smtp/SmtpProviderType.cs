using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using Herald.Providers;

namespace Herald.Integrations.Smtp;

/// <summary>The smtp provider type: its settings, adapter.</summary>
public sealed class SmtpProviderType : ProviderType
{
    public override string Name => SmtpEmailProvider.ProviderName;

    public override IReadOnlyList<string> Channels => [ProviderChannels.Email];

    public override JsonTypeInfo SettingsJson => SmtpJsonContext.Default.SmtpOptions;

    public override IReadOnlyList<string> Secrets => ["password"];

    public override string? ConfigurationSection => SmtpOptions.Section;

    public override IEnumerable<string> Validate(object settings) =>
        ProviderSettingRules.Required(("host", ((SmtpOptions)settings).Host));

    public override object CreateAdapter(string instanceName, object settings, IServiceProvider services) =>
        new SmtpEmailProvider(instanceName, (SmtpOptions)settings, services.GetRequiredService<TimeProvider>());

    /// <summary>An SMTP instance never has more calls in flight than connections in its pool.</summary>
    public override int MaxConcurrency(object settings, int configured) => Math.Min(configured, ((SmtpOptions)settings).PoolSize);
}

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower, UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    UseStringEnumConverter = true, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(SmtpOptions))]
internal sealed partial class SmtpJsonContext : JsonSerializerContext;
