namespace Herald.Services;

public sealed class ApiKeyRecord
{
    public Guid Id { get; set; }

    public Guid ServiceId { get; set; }

    public required string Name { get; set; }

    public KeyType KeyType { get; set; }

    /// <summary>The HS256 secret, encrypted with ASP.NET Core Data Protection; never stored or logged in clear.</summary>
    public required string ProtectedSecret { get; set; }

    public DateTime CreatedAt { get; set; }

    public DateTime? RevokedAt { get; set; }
}
