namespace Herald.Jobs;

/// <summary>How jobs are processed (<c>Jobs</c> section).</summary>
public sealed class JobOptions
{
    public const string Section = "Jobs";

    /// <summary>Rows made notifications per transaction. Default 1,000.</summary>
    public int BatchSize { get; set; } = 1000;

    /// <summary>A job in progress (or pending) with no batch for this long is resumed, and logged. Default 30 minutes.</summary>
    public TimeSpan StuckAfter { get; set; } = TimeSpan.FromMinutes(30);
}
