namespace Herald.Admin.Users;
public enum AdminRole { Viewer = 0, Editor = 1, Owner = 2 }
public sealed record AdminUser(Guid Id, string Email, string Name, AdminRole Role, DateTimeOffset CreatedAt);
public static class AdminRoleNames { public static string Of(AdminRole r) => r.ToString().ToLowerInvariant(); }
public sealed class UserAdministration
{
    public Task<AdminUser?> SignInAsync(string email, string password, CancellationToken ct) => Task.FromResult<AdminUser?>(email == "owner@example.com" && password == "correct horse battery" ? new AdminUser(Guid.Empty, email, "Owner", AdminRole.Owner, default) : null);
    public Task<AdminUser?> FindAsync(Guid id, CancellationToken ct) => Task.FromResult<AdminUser?>(new AdminUser(Guid.Empty, "owner@example.com", "Owner", AdminRole.Owner, default));
}
