namespace Herald.Jobs;

/// <summary>A job's statuses, spelt as Notify spells them.</summary>
public static class JobStatus
{
    /// <summary>Accepted to start now; its first batch is queued.</summary>
    public const string Pending = "pending";

    /// <summary>Waiting for its <c>scheduled_for</c>.</summary>
    public const string Scheduled = "scheduled";

    public const string InProgress = "in progress";

    /// <summary>Every row is a notification (not necessarily delivered).</summary>
    public const string Finished = "finished";

    public const string Cancelled = "cancelled";

    /// <summary>The whole job did not fit under the service's daily limit when it was due to start; no row was sent.</summary>
    public const string SendingLimitsExceeded = "sending limits exceeded";

    /// <summary>It could not go on (a row no longer passes the send rules, the template is gone).</summary>
    public const string Error = "error";

    /// <summary>Cancel may still stop these.</summary>
    public static readonly IReadOnlyList<string> Cancellable = [Pending, Scheduled, InProgress];
}
