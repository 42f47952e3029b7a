using System.Text.Json.Serialization;

namespace Herald.Receipts;

[JsonSerializable(typeof(ProviderReceipt))]
internal sealed partial class ReceiptJsonContext : JsonSerializerContext;
