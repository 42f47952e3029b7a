namespace Herald.Pushers;

/// <summary>An unread action with its event, as pushers deliver it.</summary>
public sealed record PushedAction(
    long StreamOrdering,
    string RoomId,
    bool Highlight,
    string? Tweaks,
    string EventId,
    string Type,
    string Sender,
    string? SenderDisplayName,
    string? RoomName,
    string Content,
    long ReceivedTs);
