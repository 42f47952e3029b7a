
namespace Herald.Notifications;

/// <summary>
/// A notification a provider has accepted, to be recorded as <c>sending</c>, as <c>sent</c> for an
/// international SMS (Notify's status: many networks abroad report nothing more), or as
/// <c>delivered</c> when <see cref="DeliveredAt"/> is set.
/// </summary>
/// <param name="ServiceId">Its service, whose delivery_status callback a final status queues.</param>
/// <param name="QueueItemId">The delivery's queue item, completed in the same commit as the record (none when recorded outside the queue).</param>
/// <param name="International">An SMS to a number outside the UK.</param>
/// <param name="Parts">Every part's reference, <paramref name="Reference"/> first, when the provider sent the SMS as several messages.</param>
public sealed record SentNotification(
    Guid Id, Guid ServiceId, string Provider, string Reference, DateTime SentAt, DateTime? DeliveredAt, long? QueueItemId = null, bool International = false,
    IReadOnlyList<string>? Parts = null)
{
    /// <summary>The status this record gives the notification.</summary>
    public string Status => DeliveredAt is not null ? NotificationStatus.Delivered : International ? NotificationStatus.Sent : NotificationStatus.Sending;
}
