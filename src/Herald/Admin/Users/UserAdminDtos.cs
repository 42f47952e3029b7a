namespace Herald.Admin.Users;

public sealed record CreateUserRequest(string? Email, string? Name, string? Role, string? Password);

public sealed record UpdateUserRequest(string? Name = null, string? Role = null, string? Password = null);

public sealed record UserResponse(Guid Id, string Email, string Name, string Role, string CreatedAt);

public sealed record UserListResponse(IReadOnlyList<UserResponse> Users);

public sealed record CreateTokenRequest(string? Name);

public sealed record TokenResponse(Guid Id, string Name, string CreatedAt, string? LastUsedAt, string? RevokedAt);

public sealed record TokenListResponse(IReadOnlyList<TokenResponse> Tokens);

/// <summary>The token's secret is in <see cref="Token"/>, this once.</summary>
public sealed record TokenCreatedResponse(Guid Id, string Name, string Token, string CreatedAt);
