using Herald.Notifications;

namespace Herald.Receipts;

/// <summary>Each provider's statuses in Herald's (Notify's) terms; null for a status we do not know.</summary>
public static class ReceiptStatusMap
{
    public static string? Map(string provider, string providerStatus) => (provider, providerStatus.ToLowerInvariant()) switch
    {
        ("twilio", "accepted" or "queued" or "sending" or "sent" or "scheduled") => NotificationStatus.Sending,
        ("twilio", "delivered") => NotificationStatus.Delivered,
        ("twilio", "undelivered") => NotificationStatus.PermanentFailure,
        ("twilio", "failed") => NotificationStatus.TechnicalFailure,
        ("mailgun", "accepted") => NotificationStatus.Sending,
        ("mailgun", "delivered") => NotificationStatus.Delivered,
        ("mailgun", "failed:permanent") => NotificationStatus.PermanentFailure,
        ("mailgun", "failed:temporary") => NotificationStatus.TemporaryFailure,
        ("vonage", "accepted" or "buffered") => NotificationStatus.Sending,
        ("vonage", "delivered") => NotificationStatus.Delivered,
        ("vonage", "expired") => NotificationStatus.TemporaryFailure,
        ("vonage", "failed" or "rejected") => NotificationStatus.PermanentFailure,
        _ => null,
    };

    /// <summary>A recipient's spam complaint: recorded and called back, the status stays as it is.</summary>
    public static bool IsComplaint(string provider, string providerStatus) =>
        provider == "mailgun" && providerStatus.Equals("complained", StringComparison.OrdinalIgnoreCase);
}
