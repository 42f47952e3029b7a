using Herald.Queue;
using Herald.Templates;

namespace Herald.Notifications;

/// <summary>The queue item that delivers one notification: kind by channel, payload and reference the notification id.</summary>
public static class DeliveryItem
{
    public const string EmailKind = "delivery.email";
    public const string SmsKind = "delivery.sms";

    public static NewQueueItem For(NotificationRecord notification) => For(notification.Id, notification.Type);

    public static NewQueueItem For(Guid notificationId, TemplateType type)
    {
        var id = notificationId.ToString();
        return new NewQueueItem(type == TemplateType.Email ? EmailKind : SmsKind, id, Reference: id);
    }
}
