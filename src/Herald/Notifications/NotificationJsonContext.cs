using System.Text.Json;
using System.Text.Json.Serialization;

namespace Herald.Notifications;

[JsonSerializable(typeof(IReadOnlyDictionary<string, JsonElement>))]
[JsonSerializable(typeof(Dictionary<string, JsonElement>))]
internal sealed partial class NotificationJsonContext : JsonSerializerContext;
