namespace Herald.Admin.Users;

/// <summary>A token just created: <paramref name="Secret"/> is shown this once; only its SHA-256 is stored.</summary>
public sealed record CreatedAdminUserToken(Guid Id, Guid UserId, string Name, string Secret, DateTimeOffset CreatedAt);
