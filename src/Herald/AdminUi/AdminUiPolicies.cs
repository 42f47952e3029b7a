namespace Herald.AdminUi;

/// <summary>The authorization policies of the UI's pages and forms, one per role, each allowing the roles above it.</summary>
public static class AdminUiPolicies
{
    public const string Viewer = "admin-viewer";
    public const string Editor = "admin-editor";
    public const string Owner = "admin-owner";
}
