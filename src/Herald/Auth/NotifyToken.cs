using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Herald.NotifyFormat;

namespace Herald.Auth;

/// <summary>
/// A Notify API token: an HS256 JWT whose <c>iss</c> is the service id and whose <c>iat</c> is
/// the client's clock. Read unverified first (to find the service), then verified per key.
/// </summary>
internal sealed class NotifyToken
{
    // Any iat outside the times a clock can show is as wrong as a clock can be, and is refused as such.
    private static readonly long MinIssuedAt = DateTimeOffset.MinValue.ToUnixTimeSeconds();
    private static readonly long MaxIssuedAt = DateTimeOffset.MaxValue.ToUnixTimeSeconds();

    private readonly byte[] _signedPart;
    private readonly byte[] _signature;

    private NotifyToken(string issuer, long? issuedAt, byte[] signedPart, byte[] signature)
    {
        Issuer = issuer;
        IssuedAt = issuedAt;
        _signedPart = signedPart;
        _signature = signature;
    }

    public string Issuer { get; }

    public long? IssuedAt { get; }

    /// <summary>Parses the token, or throws the 403 Notify answers for a malformed one.</summary>
    public static NotifyToken Parse(string token)
    {
        var parts = token.Split('.');
        if (parts.Length != 3)
        {
            throw Invalid("Invalid token: signature, api token is not valid");
        }

        try
        {
            using var header = JsonDocument.Parse(Base64Url.DecodeFromChars(parts[0]));
            using var payload = JsonDocument.Parse(Base64Url.DecodeFromChars(parts[1]));
            if (header.RootElement.ValueKind != JsonValueKind.Object || payload.RootElement.ValueKind != JsonValueKind.Object)
            {
                throw Invalid("Invalid token: signature, api token is not valid");
            }

            if (!header.RootElement.TryGetProperty("alg", out var alg) || alg.ValueKind != JsonValueKind.String || alg.GetString() != "HS256")
            {
                throw Invalid("Invalid token: algorithm used is not HS256");
            }

            var root = payload.RootElement;
            var issuer = root.TryGetProperty("iss", out var iss) && iss.ValueKind == JsonValueKind.String ? iss.GetString() : null;
            if (issuer is null)
            {
                throw Invalid("Invalid token: iss field not provided");
            }

            long? issuedAt = root.TryGetProperty("iat", out var iat) && iat.ValueKind == JsonValueKind.Number && iat.TryGetDouble(out var seconds)
                ? (long)Math.Clamp(seconds, MinIssuedAt, MaxIssuedAt)
                : null;
            return new NotifyToken(issuer, issuedAt, Encoding.ASCII.GetBytes($"{parts[0]}.{parts[1]}"), Base64Url.DecodeFromChars(parts[2]));
        }
        catch (Exception ex) when (ex is JsonException or FormatException or InvalidOperationException)
        {
            // InvalidOperationException: a string (iss, alg) holding a lone surrogate, found only when read.
            throw Invalid("Invalid token: signature, api token is not valid");
        }
    }

    public bool IsSignedWith(byte[] secret)
    {
        Span<byte> expected = stackalloc byte[32];
        HMACSHA256.HashData(secret, _signedPart, expected);
        return CryptographicOperations.FixedTimeEquals(expected, _signature);
    }

    private static NotifyApiException Invalid(string message) => NotifyApiException.Auth(403, message);
}
