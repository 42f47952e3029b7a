using System.Globalization;

namespace Herald.Pushers.Email;

/// <summary>
/// Turns unread notifications into a digest: the room that triggered it first, then the others by
/// most recent activity; a subject that says what triggered it.
/// </summary>
public static class DigestBuilder
{
    /// <summary>Longer message bodies are cut here: the email points to the app, it does not replace it.</summary>
    public const int MaxBodyLength = 500;

    public static EmailDigest Build(string appName, IReadOnlyCollection<UnreadNotification> unread, UnreadNotification reason, string unsubscribeUrl)
    {
        var rooms = unread
            .GroupBy(n => n.RoomId, StringComparer.Ordinal)
            .OrderByDescending(g => g.Key == reason.RoomId)
            .ThenByDescending(g => g.Max(n => n.ReceivedAt))
            .Select(g => Room(g.Key, [.. g.OrderBy(n => n.StreamOrdering)], g.Key == reason.RoomId))
            .ToList();
        var count = unread.Count;
        var summary = rooms.Count == 1
            ? Plural(count, "unread message") + $" in {rooms[0].Name}"
            : $"{Plural(count, "unread message")} in {rooms.Count} rooms";
        return new EmailDigest(appName, Subject(appName, unread, reason, rooms), summary, unsubscribeUrl, rooms);
    }

    private static string Subject(string appName, IReadOnlyCollection<UnreadNotification> unread, UnreadNotification reason, List<DigestRoom> rooms)
    {
        var room = reason.RoomTitle;
        var others = rooms.Count - 1;
        var text = reason.Highlight
            ? others == 0
                ? $"{reason.SenderName} mentioned you in {room}"
                : $"{reason.SenderName} mentioned you in {room}, and new messages in {Others(others)}"
            : others > 0
                ? $"New messages in {room} and {Others(others)}"
                : unread.Select(n => n.SenderName).Distinct(StringComparer.Ordinal).Count() > 1
                    ? $"New messages in {room}"
                    : unread.Count == 1
                        ? $"You have a message from {reason.SenderName} in {room}"
                        : $"You have {unread.Count.ToString(CultureInfo.InvariantCulture)} messages from {reason.SenderName} in {room}";
        return $"[{appName}] {OneLine(text)}";
    }

    private static DigestRoom Room(string roomId, List<UnreadNotification> notifications, bool isReason) =>
        new(roomId, notifications[^1].RoomTitle, isReason, [.. notifications.Select(n => new DigestMessage(
            n.SenderName,
            Body(n),
            n.ReceivedAt.UtcDateTime.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture),
            n.Highlight))]);

    private static string Body(UnreadNotification notification)
    {
        var body = string.IsNullOrWhiteSpace(notification.Body) ? $"[{notification.Type}]" : notification.Body;
        return body.Length <= MaxBodyLength ? body : string.Concat(body.AsSpan(0, MaxBodyLength), "…");
    }

    private static string Others(int count) => count == 1 ? "1 other" : $"{count.ToString(CultureInfo.InvariantCulture)} others";

    private static string Plural(int count, string noun) => count == 1 ? $"1 {noun}" : $"{count.ToString(CultureInfo.InvariantCulture)} {noun}s";

    /// <summary>Names come from the application; a line break in one must not reach the Subject header.</summary>
    private static string OneLine(string text) => string.Join(' ', text.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries));
}
