using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.DataProtection;

namespace Herald.Services;

/// <summary>
/// Makes and keeps API key secrets. HS256 needs the secret itself, so it is stored encrypted
/// (Data Protection, key ring in the database) rather than hashed.
/// </summary>
public sealed class ApiKeySecrets(IDataProtectionProvider provider)
{
    private readonly IDataProtector _protector = provider.CreateProtector("Herald.ApiKeys.v1");

    /// <summary>A new secret: a random uuid, the form Notify's clients expect.</summary>
    public static string NewSecret() => new Guid(RandomNumberGenerator.GetBytes(16)).ToString();

    public string Protect(string secret) => _protector.Protect(secret);

    /// <summary>The secret's bytes as the JWT signature uses them (the key string's last 36 characters, UTF-8).</summary>
    public byte[] UnprotectForSigning(string protectedSecret) => Encoding.UTF8.GetBytes(_protector.Unprotect(protectedSecret));

    /// <summary>The string handed to the user once: <c>{name}-{service_id}-{secret}</c>.</summary>
    public static string KeyString(string name, Guid serviceId, string secret) => $"{name}-{serviceId}-{secret}";
}
