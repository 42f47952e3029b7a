namespace Herald.Providers;

/// <summary>An email ready to send. <see cref="NotificationId"/> is the idempotency key and the Message-ID's local part.</summary>
public sealed record EmailMessage(
    Guid NotificationId,
    string From,
    string To,
    string Subject,
    string Html,
    string PlainText,
    string? OneClickUnsubscribeUrl);
