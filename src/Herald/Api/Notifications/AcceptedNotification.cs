using Herald.Notifications;

namespace Herald.Api.Notifications;

public sealed record AcceptedNotification(NotificationRecord Notification, string From);
