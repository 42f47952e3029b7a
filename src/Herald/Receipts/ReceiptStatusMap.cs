using Herald.Notifications;

namespace Herald.Receipts;

/// <summary>Each provider's statuses in Herald's (Notify's) terms; null for a status we do not know.</summary>
public static class ReceiptStatusMap
{
    public static string? Map(string provider, string providerStatus) => (provider, providerStatus.ToLowerInvariant()) switch
    {
        ("twilio", "accepted" or "queued" or "sending" or "sent" or "scheduled") => NotificationStatus.Sending,
        ("twilio", "delivered" or "read") => NotificationStatus.Delivered,
        ("twilio", "undelivered") => NotificationStatus.PermanentFailure,
        ("twilio", "failed" or "canceled") => NotificationStatus.TechnicalFailure,
        ("mailgun", "accepted") => NotificationStatus.Sending,
        ("mailgun", "delivered") => NotificationStatus.Delivered,
        ("mailgun", "failed:permanent") => NotificationStatus.PermanentFailure,
        ("mailgun", "failed:temporary") => NotificationStatus.TemporaryFailure,

        // Mailgun refused to send what its API had accepted (a suppression or account policy).
        ("mailgun", "rejected") => NotificationStatus.TechnicalFailure,
        // "unknown": the network gave no final word; the message may yet arrive.
        ("vonage", "accepted" or "buffered" or "unknown") => NotificationStatus.Sending,
        ("vonage", "delivered") => NotificationStatus.Delivered,
        ("vonage", "expired") => NotificationStatus.TemporaryFailure,
        ("vonage", "failed" or "rejected") => NotificationStatus.PermanentFailure,
        _ => null,
    };

    /// <summary>
    /// Events about what a recipient did with a delivered email (Mailgun's opened, clicked,
    /// unsubscribed), sent to the same webhook when an account subscribes to them: no status
    /// change, and no reason to keep or warn about them.
    /// </summary>
    public static bool IsEngagement(string provider, string providerStatus) =>
        provider == "mailgun" && providerStatus.ToLowerInvariant() is "opened" or "clicked" or "unsubscribed";

    /// <summary>A recipient's spam complaint: recorded and called back, the status stays as it is.</summary>
    public static bool IsComplaint(string provider, string providerStatus) =>
        provider == "mailgun" && providerStatus.Equals("complained", StringComparison.OrdinalIgnoreCase);
}
