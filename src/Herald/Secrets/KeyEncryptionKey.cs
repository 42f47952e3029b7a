using System.Security.Cryptography;

namespace Herald.Secrets;

/// <summary>A 256-bit AES key that encrypts key ring entries; its id (a hash prefix, not secret) says which key an entry needs.</summary>
public sealed class KeyEncryptionKey
{
    public const int Size = 32;

    private KeyEncryptionKey(byte[] bytes, string origin)
    {
        Bytes = bytes;
        Origin = origin;
        Id = Convert.ToHexStringLower(SHA256.HashData(bytes).AsSpan(0, 8));
    }

    public string Id { get; }

    /// <summary>Where it came from (a file path or a configuration key), for messages.</summary>
    public string Origin { get; }

    internal byte[] Bytes { get; }

    public static KeyEncryptionKey New(string origin) => new(RandomNumberGenerator.GetBytes(Size), origin);

    public static KeyEncryptionKey Parse(string base64, string origin)
    {
        byte[] bytes;
        try
        {
            bytes = Convert.FromBase64String(base64.Trim());
        }
        catch (FormatException ex)
        {
            throw new KeyRingUnavailableException($"{origin} is not base64.", ex);
        }

        return bytes.Length == Size
            ? new KeyEncryptionKey(bytes, origin)
            : throw new KeyRingUnavailableException($"{origin} must hold a {Size * 8}-bit key ({Size} bytes, base64), not {bytes.Length} bytes.");
    }

    public string ToBase64() => Convert.ToBase64String(Bytes);
}
