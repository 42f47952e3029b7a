namespace Herald.Admin.Users;

/// <summary>A row of <c>admin_user_tokens</c>: a user's bearer token for <c>/admin/api</c>.</summary>
public sealed class AdminUserTokenRecord
{
    public Guid Id { get; set; }

    public Guid UserId { get; set; }

    public required string Name { get; set; }

    /// <summary>SHA-256 of the secret, lower-case hex: the secret has 256 random bits, so no slow hash is needed.</summary>
    public required string TokenHash { get; set; }

    public DateTime CreatedAt { get; set; }

    public DateTime? LastUsedAt { get; set; }

    public DateTime? RevokedAt { get; set; }
}
