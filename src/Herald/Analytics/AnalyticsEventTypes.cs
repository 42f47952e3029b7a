namespace Herald.Analytics;

/// <summary>The provider events analytics keeps, in Mailgun's words (its webhooks and events API share them).</summary>
public static class AnalyticsEventTypes
{
    public const string Delivered = "delivered";
    public const string Opened = "opened";
    public const string Clicked = "clicked";
    public const string Failed = "failed";
    public const string Unsubscribed = "unsubscribed";
    public const string Complained = "complained";

    public const string Permanent = "permanent";
    public const string Temporary = "temporary";

    public static readonly IReadOnlyList<string> All = [Delivered, Opened, Clicked, Failed, Unsubscribed, Complained];

    public static bool IsKnown(string type) => All.Contains(type, StringComparer.Ordinal);
}
