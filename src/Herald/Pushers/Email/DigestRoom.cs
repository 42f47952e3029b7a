namespace Herald.Pushers.Email;

/// <summary>A room in a digest with its unread messages, oldest first.</summary>
public sealed record DigestRoom(string RoomId, string Name, bool IsReason, IReadOnlyList<DigestMessage> Messages);
