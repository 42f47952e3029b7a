namespace Herald.Pushers;

/// <summary>A posted receipt, validated: read up to an event (by id) or a stream ordering.</summary>
public sealed record PushReceiptInput(string RoomId, string? EventId, long? StreamOrdering);
