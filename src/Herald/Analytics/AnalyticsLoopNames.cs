namespace Herald.Analytics;

public static class AnalyticsLoopNames
{
    /// <summary>Opens only, so that a flood of opens cannot starve the others.</summary>
    public const string LatestOpened = "latest-opened";

    /// <summary>Delivered, failed, clicked, unsubscribed, complained.</summary>
    public const string LatestOthers = "latest-others";

    /// <summary>Re-reads a window that is now stable, for events stored late.</summary>
    public const string Missing = "missing";

    /// <summary>An operator's window.</summary>
    public const string Scheduled = "scheduled";

    public static readonly IReadOnlyList<string> All = [LatestOpened, LatestOthers, Missing, Scheduled];
}
