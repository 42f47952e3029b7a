namespace Herald.AdminUi;

/// <summary>The sections of the main navigation: address, label, and the key a page names in <c>ViewData["Section"]</c>.</summary>
internal static class AdminUiNavigation
{
    public static readonly (string Href, string Label, string Key)[] Sections =
    [
        ("/admin", "Dashboard", "dashboard"),
        ("/admin/services", "Services", "services"),
        ("/admin/notifications", "Messages", "notifications"),
        ("/admin/providers", "Providers", "providers"),
        ("/admin/pushers", "Pushers", "pushers"),
        ("/admin/queue", "Dead items", "queue"),
        ("/admin/inbox", "Dev inbox", "inbox"),
        ("/admin/users", "Users", "users"),
    ];
}
