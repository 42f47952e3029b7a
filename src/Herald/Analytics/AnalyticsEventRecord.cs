namespace Herald.Analytics;

/// <summary>A provider event as stored (<c>analytics_events</c>): each provider event id once.</summary>
public sealed class AnalyticsEventRecord
{
    public required string Provider { get; set; }

    public required string EventId { get; set; }

    public Guid NotificationId { get; set; }

    public required string Type { get; set; }

    public DateTime OccurredAt { get; set; }

    public string? Severity { get; set; }

    public string? Code { get; set; }

    public string? EnhancedCode { get; set; }

    public string? Message { get; set; }

    public DateTime StoredAt { get; set; }
}
