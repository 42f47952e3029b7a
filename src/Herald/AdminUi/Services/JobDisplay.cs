using Herald.Jobs;

namespace Herald.AdminUi.Services;

/// <summary>How the jobs pages write a job's status, and when its progress stops changing.</summary>
public static class JobDisplay
{
    public static string StatusLabel(string status) => status switch
    {
        JobStatus.Pending => "Pending",
        JobStatus.Scheduled => "Scheduled",
        JobStatus.InProgress => "In progress",
        JobStatus.Finished => "Finished",
        JobStatus.Cancelled => "Cancelled",
        JobStatus.SendingLimitsExceeded => "Sending limits exceeded",
        JobStatus.Error => "Error",
        _ => status,
    };

    /// <summary>The <c>.status</c> class: ok, warn, bad or neutral.</summary>
    public static string StatusClass(string status) => status switch
    {
        JobStatus.Finished => "ok",
        JobStatus.Cancelled => "neutral",
        JobStatus.SendingLimitsExceeded or JobStatus.Error => "bad",
        _ => "warn",
    };

    /// <summary>
    /// Nothing more will change: the job makes no further rows and none of its messages is still
    /// waiting or sending. Until then the detail page polls.
    /// </summary>
    public static bool Settled(JobResponse job) =>
        !JobStatus.Cancellable.Contains(job.Status) && job.Statistics is not { Created: > 0 } and not { Sending: > 0 };
}
