using Herald.Notifications;

namespace Herald.AdminUi.Dashboard;

public enum StatusGroup { Delivered, InProgress, Failed }

/// <summary>Notify's statuses in the three groups its dashboard shows: delivered, still on its way, failed.</summary>
public static class StatusGroups
{
    public static readonly StatusGroup[] All = [StatusGroup.Delivered, StatusGroup.InProgress, StatusGroup.Failed];

    public static StatusGroup Of(string status) => status switch
    {
        NotificationStatus.Delivered or NotificationStatus.Sent => StatusGroup.Delivered,
        NotificationStatus.Created or NotificationStatus.Sending or NotificationStatus.Pending => StatusGroup.InProgress,
        _ => StatusGroup.Failed,
    };

    /// <summary>The statuses in a group, for filtering by it.</summary>
    public static IReadOnlyList<string> Members(StatusGroup group) => [.. NotificationStatus.All.Where(s => Of(s) == group).Order(StringComparer.Ordinal)];

    /// <summary>The word a filter's address uses for a group: delivered, sending, failed.</summary>
    public static string Key(StatusGroup group) => Label(group).ToLowerInvariant();

    public static StatusGroup? FromKey(string key) => All.Where(g => Key(g) == key).Select(g => (StatusGroup?)g).FirstOrDefault();

    public static string Label(StatusGroup group) => group switch
    {
        StatusGroup.Delivered => "Delivered",
        StatusGroup.InProgress => "Sending",
        _ => "Failed",
    };

    /// <summary>Fill colours with at least 3:1 contrast against white, told apart by lightness as well as hue.</summary>
    public static string Colour(StatusGroup group) => group switch
    {
        StatusGroup.Delivered => "#0a6b2d",
        StatusGroup.InProgress => "#6b7785",
        _ => "#a3161c",
    };

    /// <summary>The CSS class of a status badge.</summary>
    public static string BadgeClass(string status) => Of(status) switch
    {
        StatusGroup.Delivered => "status ok",
        StatusGroup.InProgress => "status neutral",
        _ => "status bad",
    };
}
