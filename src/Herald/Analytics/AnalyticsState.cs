namespace Herald.Analytics;

/// <summary>
/// The storage rules, as one pure function over a notification's analytics: idempotent (the
/// caller applies each provider event once) and safe out of order. Delivered, opened and the
/// permanent failure are set once (the first write wins); a delivered after a permanent failure
/// is ignored, a permanent failure after delivered clears it (mailboxes bounce after accepting);
/// the failure kept is never downgraded from permanent nor replaced by an older one; opens and
/// clicks only count and never change the notification's status.
/// </summary>
public static class AnalyticsState
{
    public static AnalyticsEffect Apply(NotificationAnalyticsRecord state, ProviderEvent e)
    {
        var at = e.OccurredAt;
        switch (e.Type)
        {
            case AnalyticsEventTypes.Delivered:
                if (state.PermanentFailureAt is not null || state.DeliveredAt is not null)
                {
                    return AnalyticsEffect.None;
                }

                state.DeliveredAt = at;
                return AnalyticsEffect.Delivered;

            case AnalyticsEventTypes.Failed:
                KeepFailure(state, e);
                if (!e.IsPermanentFailure || state.PermanentFailureAt is not null)
                {
                    return AnalyticsEffect.None;
                }

                state.PermanentFailureAt = at;
                state.DeliveredAt = null;
                return AnalyticsEffect.PermanentFailure | AnalyticsEffect.Suppress;

            case AnalyticsEventTypes.Opened:
                state.OpenCount++;
                state.FirstOpenedAt = Earlier(state.FirstOpenedAt, at);
                state.LastOpenedAt = Later(state.LastOpenedAt, at);
                return AnalyticsEffect.None;

            case AnalyticsEventTypes.Clicked:
                state.ClickCount++;
                state.FirstClickedAt = Earlier(state.FirstClickedAt, at);
                state.LastClickedAt = Later(state.LastClickedAt, at);
                return AnalyticsEffect.None;

            case AnalyticsEventTypes.Complained:
                if (state.ComplainedAt is not null)
                {
                    return AnalyticsEffect.None;
                }

                state.ComplainedAt = at;
                return AnalyticsEffect.Complaint | AnalyticsEffect.Suppress;

            case AnalyticsEventTypes.Unsubscribed:
                if (state.UnsubscribedAt is not null)
                {
                    return AnalyticsEffect.None;
                }

                state.UnsubscribedAt = at;
                return AnalyticsEffect.Suppress;

            default:
                return AnalyticsEffect.None;
        }
    }

    /// <summary>A permanent failure is never replaced; otherwise the newer failure is kept, and a permanent one always beats a temporary one.</summary>
    private static void KeepFailure(NotificationAnalyticsRecord state, ProviderEvent e)
    {
        var permanent = e.IsPermanentFailure;
        var replace = state.FailedAt is null
            || (state.FailureSeverity != AnalyticsEventTypes.Permanent && (permanent || e.OccurredAt >= state.FailedAt));
        if (!replace)
        {
            return;
        }

        state.FailedAt = e.OccurredAt;
        state.FailureSeverity = permanent ? AnalyticsEventTypes.Permanent : AnalyticsEventTypes.Temporary;
        state.FailureCode = Cut(e.Code, ProviderEvent.MaxCode);
        state.FailureEnhancedCode = Cut(e.EnhancedCode, ProviderEvent.MaxEnhancedCode);
        state.FailureMessage = Cut(e.Message, ProviderEvent.MaxMessage);
    }

    internal static string? Cut(string? text, int max) => text is null || text.Length <= max ? text : text[..max];

    private static DateTime Earlier(DateTime? current, DateTime at) => current is { } c && c <= at ? c : at;

    private static DateTime Later(DateTime? current, DateTime at) => current is { } c && c >= at ? c : at;
}
