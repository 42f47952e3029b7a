namespace Herald.Pushers;

/// <summary>A posted event, validated.</summary>
public sealed record PushEventInput(
    string RoomId, string? EventId, string Type, string Sender, string? SenderDisplayName, string? RoomName, string Content,
    IReadOnlyList<PushRecipientInput> Recipients);
