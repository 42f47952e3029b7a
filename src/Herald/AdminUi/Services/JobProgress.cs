using Herald.Jobs;

namespace Herald.AdminUi.Services;

/// <summary>What the job page's progress panel shows, and where it polls from.</summary>
public sealed record JobProgress(Guid ServiceId, JobResponse Job)
{
    public string PollPath => $"/admin/services/{ServiceId}/jobs/{Job.Id}?handler=Progress";

    /// <summary>
    /// Every 2 seconds while it runs or its messages are out; a scheduled job, which changes only
    /// when it starts, every 10.
    /// </summary>
    public string? PollTrigger => JobDisplay.Settled(Job) ? null : Job.Status == JobStatus.Scheduled ? "every 10s" : "every 2s";

    /// <summary>Messages with a final status: delivered, failed or cancelled.</summary>
    public int Done => Job.Statistics is { } s ? s.Delivered + s.Failed + s.Cancelled : 0;
}
