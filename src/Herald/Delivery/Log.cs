namespace Herald.Delivery;

internal static partial class Log
{
    [LoggerMessage(3001, LogLevel.Information, "Not sending notification {NotificationId} because status is {Status}")]
    public static partial void NotSending(ILogger logger, Guid notificationId, string status);

    [LoggerMessage(3002, LogLevel.Warning, "Notification {NotificationId} not found; nothing to deliver")]
    public static partial void NotFound(ILogger logger, Guid notificationId);

    [LoggerMessage(3003, LogLevel.Warning, "Provider {Provider} refused notification {NotificationId} for its recipient, now permanent-failure: {Reason}")]
    public static partial void RecipientRefused(ILogger logger, string provider, Guid notificationId, string reason);

    // An alert: nothing will go through this provider until its settings are mended.
    [LoggerMessage(3007, LogLevel.Error, "Provider {Provider} refused notification {NotificationId} because of Herald's configuration of it (credentials, sender, account), now technical-failure: {Reason}")]
    public static partial void ConfigurationRefused(ILogger logger, string provider, Guid notificationId, string reason);

    [LoggerMessage(3004, LogLevel.Error, "Notification {NotificationId} failed its last try and is now technical-failure")]
    public static partial void TechnicalFailure(ILogger logger, Exception exception, Guid notificationId);

    [LoggerMessage(3005, LogLevel.Information, "Notification {NotificationId} sent through {Provider} as {ProviderReference}")]
    public static partial void Sent(ILogger logger, Guid notificationId, string provider, string providerReference);

    [LoggerMessage(3012, LogLevel.Information, "Notification {NotificationId} not sent: its address is suppressed for the service ({Reason}); now permanent-failure")]
    public static partial void Suppressed(ILogger logger, Guid notificationId, string reason);
}
