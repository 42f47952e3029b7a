using Herald.Queue;
using Herald.Templates;

namespace Herald.Notifications;

/// <summary>The queue item that delivers one notification: kind by channel, payload and reference the notification id.</summary>
public static class DeliveryItem
{
    public const string EmailKind = "delivery.email";
    public const string SmsKind = "delivery.sms";

    public static NewQueueItem For(NotificationRecord notification)
    {
        var id = notification.Id.ToString();
        return new NewQueueItem(notification.Type == TemplateType.Email ? EmailKind : SmsKind, id, Reference: id);
    }
}
