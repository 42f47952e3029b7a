using Herald.Notifications;
using Herald.Queue;

namespace Herald.Delivery;

internal sealed class SmsDeliveryHandler(NotificationDelivery delivery) : IQueueHandler, IQueueBatchPreparer
{
    public string Kind => DeliveryItem.SmsKind;

    public Task<QueueHandlerResult> HandleAsync(QueueItem item, CancellationToken cancellationToken) => delivery.DeliverAsync(item, cancellationToken);

    public Task PrepareAsync(IReadOnlyList<QueueItem> items, CancellationToken cancellationToken) => delivery.PrefetchAsync(items, cancellationToken);
}
