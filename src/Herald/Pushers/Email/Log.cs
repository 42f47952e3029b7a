namespace Herald.Pushers.Email;

internal static partial class Log
{
    [LoggerMessage(8601, LogLevel.Warning, "Push:Email:TemplateDirectory {Directory} does not exist; using the built-in email templates")]
    public static partial void TemplateDirectoryMissing(ILogger logger, string directory);

    [LoggerMessage(8602, LogLevel.Information, "Email template {Name} comes from {Path}")]
    public static partial void TemplateOverridden(ILogger logger, string name, string path);

    [LoggerMessage(8603, LogLevel.Debug, "Email pusher {PusherId}: {Count} unread, none due before {WakeAt}")]
    public static partial void NotYetDue(ILogger logger, Guid pusherId, int count, DateTimeOffset wakeAt);

    [LoggerMessage(8604, LogLevel.Information, "Email pusher {PusherId}: digest of {Count} notifications in {Rooms} rooms sent through {Provider}")]
    public static partial void DigestSent(ILogger logger, Guid pusherId, int count, int rooms, string provider);

    [LoggerMessage(8605, LogLevel.Warning, "Email pusher {PusherId}: sending the digest failed; will try again")]
    public static partial void SendFailed(ILogger logger, Exception exception, Guid pusherId);

    [LoggerMessage(8606, LogLevel.Information, "Email pusher {PusherId} removed by its unsubscribe link")]
    public static partial void Unsubscribed(ILogger logger, Guid pusherId);
}
