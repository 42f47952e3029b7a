using System.Security.Cryptography;
using System.Text;

namespace Herald.Integrations.Mailgun;

/// <summary>Mailgun's webhook signature: hex HMAC-SHA256, keyed with the signing key, of timestamp followed by token.</summary>
public static class MailgunSignature
{
    public static string Compute(string signingKey, string timestamp, string token) =>
        Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(signingKey), Encoding.UTF8.GetBytes(timestamp + token)));

    public static bool IsValid(string signingKey, string? timestamp, string? token, string? signature) =>
        signingKey.Length > 0 && timestamp is not null && token is not null && signature is not null &&
        CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(Compute(signingKey, timestamp, token)), Encoding.ASCII.GetBytes(signature.ToLowerInvariant()));
}
