namespace Herald.Notifications;

/// <summary>Notify's notification statuses, as the API spells them.</summary>
public static class NotificationStatus
{
    public const string Created = "created";
    public const string Sending = "sending";
    public const string Pending = "pending";
    public const string Sent = "sent";
    public const string Delivered = "delivered";
    public const string PermanentFailure = "permanent-failure";
    public const string TemporaryFailure = "temporary-failure";
    public const string TechnicalFailure = "technical-failure";
    public const string ValidationFailed = "validation-failed";
    public const string Cancelled = "cancelled";

    public static readonly IReadOnlySet<string> All = new HashSet<string>(StringComparer.Ordinal)
    {
        Created, Sending, Pending, Sent, Delivered, PermanentFailure, TemporaryFailure, TechnicalFailure, ValidationFailed, Cancelled,
    };

    /// <summary>What the API's <c>status=failed</c> filter means.</summary>
    public static readonly IReadOnlyList<string> Failed = [PermanentFailure, TemporaryFailure, TechnicalFailure, ValidationFailed];

    /// <summary>Only these may still change; anything arriving for another status is a duplicate.</summary>
    public static bool IsFinal(string status) => status is not (Created or Sending or Pending or Sent);
}
