using System.Text.Json.Serialization;

namespace Herald.Analytics;

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(ProviderEvent))]
[JsonSerializable(typeof(SuppressionListResponse))]
internal sealed partial class AnalyticsJsonContext : JsonSerializerContext;
