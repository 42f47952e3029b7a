namespace Herald.Notifications;

/// <summary>Sending defaults (configuration section <c>Notifications</c>).</summary>
public sealed class NotificationOptions
{
    public const string Section = "Notifications";

    /// <summary>Domain of a service's default sender address, <c>{service-name}@{domain}</c>, when it sets no <c>email_from</c>. Default <c>herald.localhost</c>.</summary>
    public string EmailFromDomain { get; set; } = "herald.localhost";

    /// <summary>SMS sender when a service sets none. Default <c>Herald</c>.</summary>
    public string DefaultSmsSender { get; set; } = "Herald";

    /// <summary>Sends a day for a service in trial mode (all channels together). Default 50, as Notify.</summary>
    public int TrialDailyLimit { get; set; } = 50;

    /// <summary>
    /// On PostgreSQL, how many transactions commit accepted notifications at once (SQLite has one
    /// writer). Each commits a batch of whatever requests are waiting. Default 2.
    /// </summary>
    public int PostgresWriters { get; set; } = 2;
}
