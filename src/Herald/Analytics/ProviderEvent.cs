namespace Herald.Analytics;

/// <summary>
/// One provider event, normalised: from a webhook or an events API page. <paramref name="EventId"/>
/// is the provider's own id, which makes storing it idempotent; the notification is found by
/// <paramref name="NotificationId"/> (the user variable we sent) or else by the provider's
/// message id (<paramref name="MessageId"/>, our provider reference).
/// </summary>
public sealed record ProviderEvent(
    string Provider,
    string EventId,
    string Type,
    DateTime OccurredAt,
    string? MessageId,
    Guid? NotificationId,
    string? Severity = null,
    string? Code = null,
    string? EnhancedCode = null,
    string? Message = null)
{
    /// <summary>The longest failure message kept (longer ones are cut).</summary>
    public const int MaxMessage = 2000;

    /// <summary>The longest enhanced status code kept (e.g. <c>5.1.1</c>).</summary>
    public const int MaxEnhancedCode = 50;

    public const int MaxCode = 50;

    public const int MaxEventId = 200;

    public bool IsPermanentFailure => Type == AnalyticsEventTypes.Failed && Severity != AnalyticsEventTypes.Temporary;

    public bool IsTemporaryFailure => Type == AnalyticsEventTypes.Failed && Severity == AnalyticsEventTypes.Temporary;
}
