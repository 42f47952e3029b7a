namespace Herald.Providers;

/// <summary>A text message ready to send. <see cref="NotificationId"/> is the idempotency key.</summary>
public sealed record SmsMessage(Guid NotificationId, string From, string To, string Body, bool International);
