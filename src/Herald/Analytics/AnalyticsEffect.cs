namespace Herald.Analytics;

/// <summary>What applying one event to a notification's analytics asks of the rest of Herald.</summary>
[Flags]
public enum AnalyticsEffect
{
    None = 0,

    /// <summary>The notification is delivered.</summary>
    Delivered = 1,

    /// <summary>The notification failed for good (even if it was delivered before).</summary>
    PermanentFailure = 2,

    /// <summary>A complaint record and the service's complaint callback.</summary>
    Complaint = 4,

    /// <summary>The address is suppressed for the service.</summary>
    Suppress = 8,
}
