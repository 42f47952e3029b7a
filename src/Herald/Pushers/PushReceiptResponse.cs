namespace Herald.Pushers;

public sealed record PushReceiptResponse(string RoomId, long StreamOrdering);
