namespace Herald.Admin.Users;

/// <summary>A row of <c>admin_users</c>.</summary>
public sealed class AdminUserRecord
{
    public Guid Id { get; set; }

    /// <summary>Lower-case and trimmed; unique.</summary>
    public required string Email { get; set; }

    public required string Name { get; set; }

    public AdminRole Role { get; set; }

    /// <summary>ASP.NET Core Identity's <c>PasswordHasher</c> format (PBKDF2, salted, versioned).</summary>
    public required string PasswordHash { get; set; }

    public DateTime CreatedAt { get; set; }

    public DateTime UpdatedAt { get; set; }
}
