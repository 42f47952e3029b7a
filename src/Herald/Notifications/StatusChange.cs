namespace Herald.Notifications;

/// <summary>
/// A final status for one notification, applied in a batch by
/// <see cref="NotificationStatusUpdater.ApplyManyAsync"/>. <paramref name="OverDelivered"/> lets a
/// permanent failure replace <c>delivered</c> (a mailbox that bounced after accepting).
/// </summary>
public sealed record StatusChange(Guid NotificationId, string Status, DateTime At, bool OverDelivered = false);
