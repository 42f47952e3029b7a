using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;

namespace Herald.Cli;

/// <summary>Signs a Notify API token from a key string, as the official clients do.</summary>
internal static class NotifyTokenSigner
{
    /// <summary>The key string is <c>{name}-{service_id}-{secret}</c>: the secret is the last 36 characters, the service id the 36 before the dash.</summary>
    public static string Sign(string key, DateTimeOffset now)
    {
        if (key.Length < 74)
        {
            throw new FormatException("That is not an API key: expected {name}-{service_id}-{secret}.");
        }

        var secret = key[^36..];
        var serviceId = key[^73..^37];
        var header = Base64Url.EncodeToString("{\"typ\":\"JWT\",\"alg\":\"HS256\"}"u8);
        var payload = Base64Url.EncodeToString(Encoding.UTF8.GetBytes($"{{\"iss\":\"{serviceId}\",\"iat\":{now.ToUnixTimeSeconds()}}}"));
        var signature = HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.ASCII.GetBytes($"{header}.{payload}"));
        return $"{header}.{payload}.{Base64Url.EncodeToString(signature)}";
    }
}
