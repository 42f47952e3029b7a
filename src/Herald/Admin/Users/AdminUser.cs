namespace Herald.Admin.Users;

/// <summary>A person who signs in to the admin UI or calls <c>/admin/api</c> with a token of their own.</summary>
public sealed record AdminUser(Guid Id, string Email, string Name, AdminRole Role, DateTimeOffset CreatedAt);
