using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection.XmlEncryption;

namespace Herald.Secrets;

/// <summary>
/// Reads what <see cref="KeyRingXmlEncryptor"/> wrote. Data Protection creates it by its type name
/// (stored in the entry) with the service provider, so it finds the keys there.
/// </summary>
public sealed class KeyRingXmlDecryptor(IServiceProvider services) : IXmlDecryptor
{
    public XElement Decrypt(XElement encryptedElement)
    {
        var id = encryptedElement.Attribute(KeyRingXmlEncryptor.KeyIdAttribute)?.Value ?? "";
        var key = services.GetRequiredService<KeyEncryptionKeys>().Find(id)
            ?? throw new KeyRingUnavailableException(
                $"A key ring entry is encrypted with key {id}, which this node does not have: give it the same key file (or KeyRing:Key) as the node that wrote it.");
        return KeyRingXmlEncryptor.Decrypt(encryptedElement, key);
    }
}
