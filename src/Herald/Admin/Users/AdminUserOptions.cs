namespace Herald.Admin.Users;

/// <summary>Admin users' settings, section <c>Admin</c>.</summary>
public sealed class AdminUserOptions
{
    public const string Section = "Admin";

    /// <summary>
    /// At the first start of a process that serves the API with no admin user at all, create the
    /// owner <c>admin@localhost</c> with a random password written to <c>{Data}/admin-password</c>.
    /// Default true; false for deployments that create their first owner with <c>herald users create</c>.
    /// </summary>
    public bool CreateFirstOwner { get; set; } = true;
}
