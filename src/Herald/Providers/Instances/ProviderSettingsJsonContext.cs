using System.Text.Json.Serialization;

namespace Herald.Providers.Instances;

/// <summary>The settings every instance has; each provider type brings the JSON of its own (<see cref="ProviderType.SettingsJson"/>).</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower, UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    UseStringEnumConverter = true, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(CommonProviderSettings))]
internal sealed partial class ProviderSettingsJsonContext : JsonSerializerContext;
