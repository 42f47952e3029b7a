using System.Buffers.Text;
using System.Security.Cryptography;

namespace Herald.Pushers.WebPush;

/// <summary>A VAPID signing key: P-256, written as web push tools print it (base64url public point and private scalar).</summary>
internal sealed class VapidKey : IDisposable
{
    private const string NotAPair = "VapidPublicKey and VapidPrivateKey are not a matching P-256 key pair.";

    private readonly ECDsa _key;

    private VapidKey(ECDsa key, string publicKey)
    {
        _key = key;
        PublicKey = publicKey;
    }

    /// <summary>The base64url uncompressed public point: the <c>k</c> of the Authorization header.</summary>
    public string PublicKey { get; }

    public static VapidKey Import(string publicKey, string privateKey)
    {
        if (Problem(publicKey, privateKey) is { } problem)
        {
            throw new CryptographicException(problem);
        }

        return new VapidKey(ImportPrivate(Decode(publicKey), Decode(privateKey)), Base64Url.EncodeToString(Decode(publicKey)));
    }

    /// <summary>A new key pair, as (public, private) base64url strings.</summary>
    public static (string PublicKey, string PrivateKey) Generate()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var parameters = key.ExportParameters(includePrivateParameters: true);
        return (Base64Url.EncodeToString(WebPushEncryption.ExportPublicKey(key)), Base64Url.EncodeToString(parameters.D));
    }

    /// <summary>Null when the strings are a matching P-256 key pair; otherwise what is wrong.</summary>
    public static string? Problem(string publicKey, string privateKey)
    {
        if (!WebPushSubscription.TryDecode(publicKey, out var publicBytes) || publicBytes.Length != WebPushEncryption.PublicKeyLength || publicBytes[0] != 0x04)
        {
            return "VapidPublicKey must be a base64url uncompressed P-256 public key (65 bytes).";
        }

        if (!WebPushSubscription.TryDecode(privateKey, out var privateBytes) || privateBytes.Length != 32)
        {
            return "VapidPrivateKey must be a base64url P-256 private key (32 bytes).";
        }

        try
        {
            // Whether or not the import checks the pair, a signature that the public key verifies proves it.
            using var pair = ImportPrivate(publicBytes, privateBytes);
            using var verifier = ECDsa.Create(new ECParameters { Curve = ECCurve.NamedCurves.nistP256, Q = pair.ExportParameters(false).Q });
            var probe = "vapid key pair check"u8;
            return verifier.VerifyData(probe, pair.SignData(probe, HashAlgorithmName.SHA256), HashAlgorithmName.SHA256) ? null : NotAPair;
        }
        catch (CryptographicException)
        {
            return NotAPair;
        }
    }

    /// <summary>An ES256 signature (IEEE P1363: r | s, 64 bytes), as JWS wants it.</summary>
    public byte[] Sign(ReadOnlySpan<byte> data)
    {
        // One key object shared by every sender: signing is serialised rather than trusting its thread safety.
        lock (_key)
        {
            return _key.SignData(data, HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);
        }
    }

    public void Dispose() => _key.Dispose();

    private static ECDsa ImportPrivate(byte[] publicKey, byte[] privateKey) => ECDsa.Create(new ECParameters
    {
        Curve = ECCurve.NamedCurves.nistP256,
        Q = new ECPoint { X = publicKey[1..33], Y = publicKey[33..] },
        D = privateKey,
    });

    private static byte[] Decode(string value) => WebPushSubscription.TryDecode(value, out var bytes) ? bytes : [];
}
