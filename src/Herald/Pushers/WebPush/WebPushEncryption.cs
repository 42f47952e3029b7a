using System.Buffers.Binary;
using System.Security.Cryptography;

namespace Herald.Pushers.WebPush;

/// <summary>
/// RFC 8291 message encryption: the payload becomes one RFC 8188 <c>aes128gcm</c> record, keyed by
/// ECDH between a fresh sender key pair and the subscription's P-256 key, mixed with its auth secret.
/// Body: salt (16) | record size (4, big-endian) | key id length (1) | sender public key (65) | ciphertext and tag.
/// </summary>
internal static class WebPushEncryption
{
    public const int PublicKeyLength = 65;
    public const int AuthSecretLength = 16;
    public const int SaltLength = 16;

    /// <summary>The record size written in the header; push services must accept a 4096-byte body (RFC 8030 §7.2).</summary>
    public const int RecordSize = 4096;

    public const int HeaderLength = SaltLength + 4 + 1 + PublicKeyLength;
    private const int TagLength = 16;

    /// <summary>The largest payload that fits one record of a 4096-byte body: 4096 - 86 (header) - 16 (tag) - 1 (delimiter) = 3993.</summary>
    public const int MaxPayloadLength = RecordSize - HeaderLength - TagLength - 1;

    // The last (and only) record ends with this delimiter, then no padding.
    private const byte LastRecordDelimiter = 0x02;

    private static ReadOnlySpan<byte> KeyInfoPrefix => "WebPush: info\0"u8;
    private static ReadOnlySpan<byte> ContentEncryptionKeyInfo => "Content-Encoding: aes128gcm\0"u8;
    private static ReadOnlySpan<byte> NonceInfo => "Content-Encoding: nonce\0"u8;

    /// <summary>Encrypts <paramref name="payload"/> for the subscription with a fresh sender key pair and a random salt.</summary>
    /// <exception cref="ArgumentException">The subscription's keys are malformed.</exception>
    /// <exception cref="CryptographicException">Its public key is not a point on P-256.</exception>
    public static byte[] Encrypt(ReadOnlySpan<byte> payload, WebPushSubscription subscription)
    {
        ArgumentNullException.ThrowIfNull(subscription);
        if (subscription.Validate(checkCurve: false) is { } problem)
        {
            throw new ArgumentException($"The subscription cannot be encrypted for: {problem}.", nameof(subscription));
        }

        WebPushSubscription.TryDecode(subscription.P256dh, out var userAgentPublicKey);
        WebPushSubscription.TryDecode(subscription.Auth, out var authSecret);
        using var senderKey = ECDiffieHellman.Create(ECCurve.NamedCurves.nistP256);
        Span<byte> salt = stackalloc byte[SaltLength];
        RandomNumberGenerator.Fill(salt);
        return Encrypt(payload, userAgentPublicKey, authSecret, senderKey, salt);
    }

    /// <summary>
    /// Encrypts with the given sender key pair and salt. Both must be fresh for every message; they are
    /// parameters so the RFC 8291 worked example can be reproduced byte for byte.
    /// </summary>
    public static byte[] Encrypt(ReadOnlySpan<byte> payload, ReadOnlySpan<byte> userAgentPublicKey, ReadOnlySpan<byte> authSecret,
        ECDiffieHellman senderKey, ReadOnlySpan<byte> salt)
    {
        ArgumentNullException.ThrowIfNull(senderKey);
        if (payload.Length > MaxPayloadLength)
        {
            throw new ArgumentException($"A web push payload is at most {MaxPayloadLength} bytes; this one is {payload.Length}.", nameof(payload));
        }

        if (authSecret.Length != AuthSecretLength || salt.Length != SaltLength)
        {
            throw new ArgumentException("The auth secret and the salt are 16 bytes each.");
        }

        using var userAgentKey = ImportPublicKey(userAgentPublicKey);
        var senderPublicKey = ExportPublicKey(senderKey);
        var sharedSecret = senderKey.DeriveRawSecretAgreement(userAgentKey.PublicKey);

        // RFC 8291 §3.3: IKM = HKDF(salt = auth secret, ikm = ECDH secret, info = "WebPush: info\0" | ua_public | as_public, 32).
        Span<byte> keyInfo = stackalloc byte[KeyInfoPrefix.Length + 2 * PublicKeyLength];
        KeyInfoPrefix.CopyTo(keyInfo);
        userAgentPublicKey.CopyTo(keyInfo[KeyInfoPrefix.Length..]);
        senderPublicKey.CopyTo(keyInfo[(KeyInfoPrefix.Length + PublicKeyLength)..]);
        Span<byte> inputKeyingMaterial = stackalloc byte[32];
        HKDF.DeriveKey(HashAlgorithmName.SHA256, sharedSecret, inputKeyingMaterial, authSecret, keyInfo);

        // RFC 8188 §2.2 and §2.3: the content encryption key and the nonce, from the salt.
        Span<byte> pseudoRandomKey = stackalloc byte[32];
        HKDF.Extract(HashAlgorithmName.SHA256, inputKeyingMaterial, salt, pseudoRandomKey);
        Span<byte> contentKey = stackalloc byte[16];
        HKDF.Expand(HashAlgorithmName.SHA256, pseudoRandomKey, contentKey, ContentEncryptionKeyInfo);
        Span<byte> nonce = stackalloc byte[12];
        HKDF.Expand(HashAlgorithmName.SHA256, pseudoRandomKey, nonce, NonceInfo);

        var body = new byte[HeaderLength + payload.Length + 1 + TagLength];
        salt.CopyTo(body);
        BinaryPrimitives.WriteUInt32BigEndian(body.AsSpan(SaltLength), RecordSize);
        body[SaltLength + 4] = PublicKeyLength;
        senderPublicKey.CopyTo(body.AsSpan(SaltLength + 5));

        var plaintext = new byte[payload.Length + 1];
        payload.CopyTo(plaintext);
        plaintext[^1] = LastRecordDelimiter;
        using var aes = new AesGcm(contentKey, TagLength);

        // One record, sequence number 0: the nonce is used as derived.
        aes.Encrypt(nonce, plaintext, body.AsSpan(HeaderLength, plaintext.Length), body.AsSpan(HeaderLength + plaintext.Length));
        return body;
    }

    /// <summary>The 65-byte uncompressed point (0x04 | X | Y) of a P-256 key.</summary>
    public static byte[] ExportPublicKey(ECAlgorithm key)
    {
        ArgumentNullException.ThrowIfNull(key);
        var q = key.ExportParameters(includePrivateParameters: false).Q;
        return [0x04, .. q.X!, .. q.Y!];
    }

    /// <summary>A P-256 key from a 65-byte uncompressed point; throws <see cref="CryptographicException"/> if it is not on the curve.</summary>
    public static ECDiffieHellman ImportPublicKey(ReadOnlySpan<byte> uncompressedPoint)
    {
        if (uncompressedPoint.Length != PublicKeyLength || uncompressedPoint[0] != 0x04)
        {
            throw new CryptographicException("A P-256 public key is a 65-byte uncompressed point.");
        }

        return ECDiffieHellman.Create(new ECParameters
        {
            Curve = ECCurve.NamedCurves.nistP256,
            Q = new ECPoint { X = uncompressedPoint[1..33].ToArray(), Y = uncompressedPoint[33..].ToArray() },
        });
    }

    internal static bool IsOnCurve(ReadOnlySpan<byte> uncompressedPoint)
    {
        try
        {
            using var key = ImportPublicKey(uncompressedPoint);
            return true;
        }
        catch (CryptographicException)
        {
            return false;
        }
    }
}
