namespace Herald.Analytics;

/// <summary>
/// What the provider's events say of one notification (<c>notification_analytics</c>): delivery,
/// the one failure kept, opens and clicks as counters with first and last times, complaint and
/// unsubscribe. <see cref="AnalyticsState"/> holds the rules that change it.
/// </summary>
public sealed class NotificationAnalyticsRecord
{
    public Guid NotificationId { get; set; }

    public Guid ServiceId { get; set; }

    public Guid TemplateId { get; set; }

    public DateTime? DeliveredAt { get; set; }

    public DateTime? PermanentFailureAt { get; set; }

    /// <summary>The failure kept: a permanent one is never replaced, a newer one is never replaced by an older one.</summary>
    public DateTime? FailedAt { get; set; }

    /// <summary><c>permanent</c> or <c>temporary</c>.</summary>
    public string? FailureSeverity { get; set; }

    public string? FailureCode { get; set; }

    public string? FailureEnhancedCode { get; set; }

    public string? FailureMessage { get; set; }

    public int OpenCount { get; set; }

    public DateTime? FirstOpenedAt { get; set; }

    public DateTime? LastOpenedAt { get; set; }

    public int ClickCount { get; set; }

    public DateTime? FirstClickedAt { get; set; }

    public DateTime? LastClickedAt { get; set; }

    public DateTime? ComplainedAt { get; set; }

    public DateTime? UnsubscribedAt { get; set; }
}
