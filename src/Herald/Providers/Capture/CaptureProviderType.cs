using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace Herald.Providers.Capture;

/// <summary>The dev inbox: every instance shares the one <see cref="CaptureProvider"/>.</summary>
public sealed class CaptureProviderType : ProviderType
{
    public override string Name => CaptureProvider.ProviderName;

    public override IReadOnlyList<string> Channels => [ProviderChannels.Email, ProviderChannels.Sms];

    public override JsonTypeInfo SettingsJson => CaptureJsonContext.Default.CaptureSettings;

    public override object CreateAdapter(string instanceName, object settings, IServiceProvider services) =>
        services.GetRequiredService<CaptureProvider>();
}

/// <summary>The capture provider takes no settings.</summary>
public sealed class CaptureSettings;

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower, UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow)]
[JsonSerializable(typeof(CaptureSettings))]
internal sealed partial class CaptureJsonContext : JsonSerializerContext;
