namespace Herald.Admin.Users;

/// <summary>One of a user's API tokens, as listed: never its secret, which only its creation shows.</summary>
public sealed record AdminUserToken(Guid Id, Guid UserId, string Name, DateTimeOffset CreatedAt, DateTimeOffset? LastUsedAt, DateTimeOffset? RevokedAt);
