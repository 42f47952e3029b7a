using Herald.Storage;

namespace Herald.Notifications;

/// <summary>
/// More to write in the transaction that commits one accepted notification, so that it commits
/// with the notification or not at all (an idempotency key's stored answer). Sends without one
/// pay nothing for it.
/// </summary>
public interface INotificationWriteCompanion
{
    /// <summary>
    /// Runs inside the commit's transaction once the notification is in and has passed its daily
    /// limits. Throwing fails this notification's write (the others of its batch are committed
    /// without it); a <see cref="NotifyFormat.NotifyApiException"/> is its request's answer.
    /// </summary>
    Task WriteAsync(HeraldDbContext context, CancellationToken cancellationToken);
}
