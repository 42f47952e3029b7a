namespace Herald.Admin.Users;

/// <summary>The wire names of <see cref="AdminRole"/>: <c>viewer</c>, <c>editor</c>, <c>owner</c>.</summary>
public static class AdminRoleNames
{
    public const string Choices = "[viewer, editor, owner]";

    public static string Name(AdminRole role) => role switch
    {
        AdminRole.Viewer => "viewer",
        AdminRole.Editor => "editor",
        AdminRole.Owner => "owner",
        _ => throw new ArgumentOutOfRangeException(nameof(role), role, null),
    };

    public static AdminRole? Parse(string? name) => name switch
    {
        "viewer" => AdminRole.Viewer,
        "editor" => AdminRole.Editor,
        "owner" => AdminRole.Owner,
        _ => null,
    };
}
