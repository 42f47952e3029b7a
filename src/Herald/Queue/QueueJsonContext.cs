using System.Text.Json.Serialization;

namespace Herald.Queue;

[JsonSerializable(typeof(List<long>))]
[JsonSerializable(typeof(IReadOnlyList<long>))]
internal sealed partial class QueueJsonContext : JsonSerializerContext;
