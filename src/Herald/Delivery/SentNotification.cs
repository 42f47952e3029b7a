namespace Herald.Delivery;

/// <summary>A notification a provider has accepted, to be recorded as <c>sending</c> (or <c>delivered</c> when <see cref="DeliveredAt"/> is set).</summary>
/// <param name="ServiceId">Its service, whose delivery_status callback a final status queues.</param>
/// <param name="QueueItemId">The delivery's queue item, completed in the same commit as the record (none when recorded outside the queue).</param>
public sealed record SentNotification(Guid Id, Guid ServiceId, string Provider, string Reference, DateTime SentAt, DateTime? DeliveredAt, long? QueueItemId = null);
