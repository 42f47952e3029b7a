using System.Security.Cryptography;
using System.Text;
using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection.XmlEncryption;

namespace Herald.Secrets;

/// <summary>
/// Encrypts a key ring entry's secret part with AES-256-GCM under a key kept outside the database.
/// The element names the key by id, so a ring can hold entries of several keys during a rotation.
/// </summary>
public sealed class KeyRingXmlEncryptor(KeyEncryptionKey key) : IXmlEncryptor
{
    public static readonly XName ElementName = XName.Get("encryptedWithKey", "urn:herald:key-ring");
    public const string KeyIdAttribute = "keyId";
    private const int NonceSize = 12;
    private const int TagSize = 16;

    public EncryptedXmlInfo Encrypt(XElement plaintextElement)
    {
        var plaintext = Encoding.UTF8.GetBytes(plaintextElement.ToString(SaveOptions.DisableFormatting));
        var sealedBytes = new byte[NonceSize + TagSize + plaintext.Length];
        var nonce = sealedBytes.AsSpan(0, NonceSize);
        RandomNumberGenerator.Fill(nonce);
        using (var aes = new AesGcm(key.Bytes, TagSize))
        {
            aes.Encrypt(nonce, plaintext, sealedBytes.AsSpan(NonceSize + TagSize), sealedBytes.AsSpan(NonceSize, TagSize), Encoding.UTF8.GetBytes(key.Id));
        }

        CryptographicOperations.ZeroMemory(plaintext);
        var element = new XElement(ElementName, new XAttribute(KeyIdAttribute, key.Id), Convert.ToBase64String(sealedBytes));
        return new EncryptedXmlInfo(element, typeof(KeyRingXmlDecryptor));
    }

    internal static XElement Decrypt(XElement encryptedElement, KeyEncryptionKey key)
    {
        var sealedBytes = Convert.FromBase64String(encryptedElement.Value);
        var plaintext = new byte[sealedBytes.Length - NonceSize - TagSize];
        using (var aes = new AesGcm(key.Bytes, TagSize))
        {
            aes.Decrypt(sealedBytes.AsSpan(0, NonceSize), sealedBytes.AsSpan(NonceSize + TagSize), sealedBytes.AsSpan(NonceSize, TagSize), plaintext, Encoding.UTF8.GetBytes(key.Id));
        }

        try
        {
            return XElement.Parse(Encoding.UTF8.GetString(plaintext));
        }
        finally
        {
            CryptographicOperations.ZeroMemory(plaintext);
        }
    }
}
