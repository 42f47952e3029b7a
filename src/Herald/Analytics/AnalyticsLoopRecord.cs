namespace Herald.Analytics;

/// <summary>
/// One fetch loop of one provider account (<c>analytics_loops</c>): where it stopped (its
/// position, to the millisecond), when it last ran and what it found. The scheduled loop also
/// keeps its operator's window here, so that it survives a restart.
/// </summary>
public sealed class AnalyticsLoopRecord
{
    /// <summary>The provider instance (account) the loop reads.</summary>
    public required string Account { get; set; }

    /// <summary><see cref="AnalyticsLoopNames"/>.</summary>
    public required string Loop { get; set; }

    /// <summary>Where the next run begins: the timestamp of the last event processed (or the bumped begin).</summary>
    public DateTime? Position { get; set; }

    /// <summary>While a run holds the loop (one run per loop across the cluster); a crashed run's lease runs out.</summary>
    public DateTime? LeaseUntil { get; set; }

    public DateTime? StartedAt { get; set; }

    public DateTime? FinishedAt { get; set; }

    public DateTime? LastEventAt { get; set; }

    public long EventsLastRun { get; set; }

    public long EventsTotal { get; set; }

    public long Errors { get; set; }

    public string? LastError { get; set; }

    /// <summary>The scheduled loop's window, while one is set.</summary>
    public Guid? ScheduleId { get; set; }

    public DateTime? ScheduleBegin { get; set; }

    public DateTime? ScheduleEnd { get; set; }
}
