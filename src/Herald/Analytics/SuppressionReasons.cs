namespace Herald.Analytics;

public static class SuppressionReasons
{
    public const string Unsubscribed = "unsubscribed";
    public const string Complained = "complained";
    public const string PermanentBounce = "permanent-bounce";
}
