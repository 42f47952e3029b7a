using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using Herald.Providers;

namespace Herald.Integrations.Smtp;

/// <summary>The smtp provider type: its settings and adapter.</summary>
public sealed class SmtpProviderType : ProviderType<SmtpOptions>
{
    public override string Name => SmtpEmailProvider.ProviderName;

    public override IReadOnlyList<string> Channels => [ProviderChannels.Email];

    protected override JsonTypeInfo<SmtpOptions> Json => SmtpJsonContext.Default.SmtpOptions;

    public override IReadOnlyList<string> Secrets => ["password"];

    public override string? ConfigurationSection => SmtpOptions.Section;

    protected override IEnumerable<string> Problems(SmtpOptions settings) =>
        ProviderSettingRules.Required(("host", settings.Host));

    protected override object Adapter(string instanceName, SmtpOptions settings, IServiceProvider services) =>
        new SmtpEmailProvider(instanceName, settings, services.GetRequiredService<TimeProvider>());

    /// <summary>An SMTP instance never has more calls in flight than connections in its pool.</summary>
    protected override int ConcurrencyLimit(SmtpOptions settings, int configured) => Math.Min(configured, settings.PoolSize);
}

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower, UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    UseStringEnumConverter = true, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(SmtpOptions))]
internal sealed partial class SmtpJsonContext : JsonSerializerContext;
