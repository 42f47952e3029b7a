namespace Herald.Pushers.Email;

/// <summary>One unread push action of the pusher's user, with what the digest shows of its event.</summary>
public sealed record UnreadNotification(
    long StreamOrdering,
    string RoomId,
    string? RoomName,
    string? EventId,
    string Sender,
    string? SenderDisplayName,
    string Type,
    string? Body,
    bool Highlight,
    DateTimeOffset ReceivedAt)
{
    public string SenderName => string.IsNullOrWhiteSpace(SenderDisplayName) ? Sender : SenderDisplayName;

    public string RoomTitle => string.IsNullOrWhiteSpace(RoomName) ? RoomId : RoomName;
}
