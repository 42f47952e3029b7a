using System.ComponentModel.DataAnnotations;

namespace Herald.Analytics;

/// <summary>Email event analytics (configuration section <c>Analytics</c>).</summary>
public sealed class AnalyticsOptions
{
    public const string Section = "Analytics";

    /// <summary>
    /// How long a soft bounce (a <c>failed</c> event of severity <c>temporary</c>) may wait for a
    /// final word: Mailgun retries for 8 hours. After it, a notification still <c>sending</c> ends
    /// <c>temporary-failure</c>. Default 8 h.
    /// </summary>
    [Range(typeof(TimeSpan), "00:01:00", "7.00:00:00")]
    public TimeSpan TemporaryFailureWindow { get; set; } = TimeSpan.FromHours(8);

    /// <summary>Events stored in one transaction by the fetch loops (pages are gathered up to it). Default 1,000.</summary>
    [Range(1, 10_000)]
    public int StoreBatchSize { get; set; } = 1000;

    /// <summary>How often the fetch loops run (the periodic task's cron is derived from it). Default 1 min.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan Interval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>The latest loops read up to now minus this: the provider's storage is still filling in the last moments. Default 1 min.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "01:00:00")]
    public TimeSpan LatestLag { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Events older than this are trusted to be stored: the missing loop re-reads up to now minus it. Default 30 min.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "1.00:00:00")]
    public TimeSpan StableAfter { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>The events all loops of one account may process in one cycle: latest first, the others what is left. Default 10,000.</summary>
    [Range(1, 10_000_000)]
    public int MaxEventsPerCycle { get; set; } = 10_000;

    /// <summary>Turns the fetch loops off (webhooks are still stored). Default on.</summary>
    public bool Enabled { get; set; } = true;
}
