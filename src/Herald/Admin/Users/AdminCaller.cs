namespace Herald.Admin.Users;

/// <summary>
/// Who called <c>/admin/api</c>: a user by one of their tokens, or the admin token (no user, owner).
/// Set by the admin group's filter (<see cref="AdminEndpoints.MapAdminGroup"/>) before any endpoint runs.
/// </summary>
public sealed record AdminCaller(AdminUser? User, AdminRole Role)
{
    private const string ItemKey = "Herald.Admin.Users.AdminCaller";

    /// <summary>The admin token's caller: the operator, with every right.</summary>
    public static AdminCaller AdminToken { get; } = new(null, AdminRole.Owner);

    public static AdminCaller? Of(HttpContext http) => http.Items.TryGetValue(ItemKey, out var caller) ? caller as AdminCaller : null;

    internal void AttachTo(HttpContext http) => http.Items[ItemKey] = this;
}
