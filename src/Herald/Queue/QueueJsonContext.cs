using System.Text.Json.Serialization;

namespace Herald.Queue;

[JsonSerializable(typeof(List<long>))]
internal sealed partial class QueueJsonContext : JsonSerializerContext;
