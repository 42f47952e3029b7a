namespace Herald.Pushers;

/// <summary>
/// What an in-order pusher has to push, read in one go: its user's latest action after the
/// pusher's last stream ordering (read or not), the unread count (the badge), and the next unread
/// notifying actions, oldest first.
/// </summary>
public sealed record PendingPushes(long? Latest, int Unread, IReadOnlyList<PushedAction> Actions);
