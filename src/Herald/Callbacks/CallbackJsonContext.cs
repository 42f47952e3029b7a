using System.Text.Json.Serialization;

namespace Herald.Callbacks;

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower)]
[JsonSerializable(typeof(DeliveryStatusCallback))]
[JsonSerializable(typeof(InboundSmsCallback))]
[JsonSerializable(typeof(ComplaintCallback))]
internal sealed partial class CallbackJsonContext : JsonSerializerContext;
