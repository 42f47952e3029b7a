using Herald.Notifications;
using Herald.Queue;

namespace Herald.Delivery;

internal sealed class SmsDeliveryHandler(NotificationDelivery delivery) : IQueueHandler
{
    public string Kind => DeliveryItem.SmsKind;

    public Task<QueueHandlerResult> HandleAsync(QueueItem item, CancellationToken cancellationToken) => delivery.DeliverAsync(item, cancellationToken);
}
