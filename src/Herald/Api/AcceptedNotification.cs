using Herald.Notifications;

namespace Herald.Api;

public sealed record AcceptedNotification(NotificationRecord Notification, string From);
