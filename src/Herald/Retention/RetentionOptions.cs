using System.ComponentModel.DataAnnotations;

namespace Herald.Retention;

public sealed class RetentionOptions
{
    public const string Section = "Retention";

    public const int MinDays = 3;
    public const int MaxDays = 90;

    /// <summary>A channel's retention when its service has not set one (Notify's 7 days).</summary>
    [Range(MinDays, MaxDays)]
    public int DefaultDays { get; set; } = 7;

    /// <summary>Notifications moved to history per transaction.</summary>
    [Range(1, 100_000)]
    public int BatchSize { get; set; } = 10_000;
}
