using System.Text.Json.Serialization;

namespace Herald.Pushers;

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower)]
[JsonSerializable(typeof(PusherWakeMessage))]
[JsonSerializable(typeof(PushEventCreatedResponse))]
[JsonSerializable(typeof(PushReceiptResponse))]
[JsonSerializable(typeof(PusherResponse))]
[JsonSerializable(typeof(PusherListResponse))]
[JsonSerializable(typeof(PushFeedResponse))]
internal sealed partial class PushJsonContext : JsonSerializerContext;
