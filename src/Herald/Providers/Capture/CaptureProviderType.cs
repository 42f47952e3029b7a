using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace Herald.Providers.Capture;

/// <summary>The dev inbox: every instance shares the one <see cref="CaptureProvider"/>.</summary>
public sealed class CaptureProviderType : ProviderType<CaptureSettings>
{
    public override string Name => CaptureProvider.ProviderName;

    public override IReadOnlyList<string> Channels => [ProviderChannels.Email, ProviderChannels.Sms];

    protected override JsonTypeInfo<CaptureSettings> Json => CaptureJsonContext.Default.CaptureSettings;

    protected override object Adapter(string instanceName, CaptureSettings settings, IServiceProvider services) =>
        services.GetRequiredService<CaptureProvider>();
}

/// <summary>The capture provider takes no settings.</summary>
public sealed class CaptureSettings;

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower, UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow)]
[JsonSerializable(typeof(CaptureSettings))]
internal sealed partial class CaptureJsonContext : JsonSerializerContext;
