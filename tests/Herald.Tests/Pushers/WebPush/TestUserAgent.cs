using System.Buffers.Binary;
using System.Buffers.Text;
using System.Security.Cryptography;
using Herald.Pushers.WebPush;

namespace Herald.Tests.Pushers.WebPush;

/// <summary>
/// A browser's side of a push subscription: its P-256 key pair and auth secret, and the decryption a
/// user agent performs on a received aes128gcm body (RFC 8291 §3.4, RFC 8188 §2), written from the
/// receiver's point of view so tests can read what Herald sent.
/// </summary>
public sealed class TestUserAgent : IDisposable
{
    private readonly ECDiffieHellman _key;
    private readonly byte[] _auth;

    public TestUserAgent()
        : this(ECDiffieHellman.Create(ECCurve.NamedCurves.nistP256), RandomNumberGenerator.GetBytes(16))
    {
    }

    public TestUserAgent(ECDiffieHellman key, byte[] auth)
    {
        _key = key;
        _auth = auth;
    }

    public byte[] PublicKey
    {
        get
        {
            var q = _key.ExportParameters(false).Q;
            return [0x04, .. q.X!, .. q.Y!];
        }
    }

    public WebPushSubscription Subscribe(string endpoint) => new(endpoint, Base64Url.EncodeToString(PublicKey), Base64Url.EncodeToString(_auth));

    public (byte[] Plaintext, int RecordSize, byte[] SenderKey) Decrypt(byte[] body)
    {
        var salt = body[..16];
        var recordSize = (int)BinaryPrimitives.ReadUInt32BigEndian(body.AsSpan(16, 4));
        var idLength = body[20];
        var senderKey = body[21..(21 + idLength)];
        var record = body[(21 + idLength)..];
        Assert.True(record.Length <= recordSize, "a single record no larger than the record size");

        using var sender = ECDiffieHellman.Create(new ECParameters
        {
            Curve = ECCurve.NamedCurves.nistP256,
            Q = new ECPoint { X = senderKey[1..33], Y = senderKey[33..] },
        });
        var shared = _key.DeriveRawSecretAgreement(sender.PublicKey);
        byte[] keyInfo = [.. "WebPush: info\0"u8, .. PublicKey, .. senderKey];
        var ikm = HKDF.DeriveKey(HashAlgorithmName.SHA256, shared, 32, _auth, keyInfo);
        var cek = HKDF.DeriveKey(HashAlgorithmName.SHA256, ikm, 16, salt, "Content-Encoding: aes128gcm\0"u8.ToArray());
        var nonce = HKDF.DeriveKey(HashAlgorithmName.SHA256, ikm, 12, salt, "Content-Encoding: nonce\0"u8.ToArray());

        var padded = new byte[record.Length - 16];
        using var aes = new AesGcm(cek, 16);
        aes.Decrypt(nonce, record[..^16], record[^16..], padded);

        // RFC 8188 §2: strip trailing zero padding; the delimiter of the last record is 2.
        var end = Array.FindLastIndex(padded, b => b != 0);
        Assert.Equal(2, padded[end]);
        return (padded[..end], recordSize, senderKey);
    }

    public void Dispose() => _key.Dispose();
}
