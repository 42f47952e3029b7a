using System.Xml.Linq;
using Herald.Storage;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.XmlEncryption;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Herald.Secrets;

/// <summary>
/// The two rotations: a new key-encryption key (every key ring entry re-encrypted under it) and
/// a new Data Protection key (new secrets use it; the older keys stay in the ring to read old ones).
/// </summary>
public sealed class KeyRingRotation(
    HeraldDatabase database, KeyEncryptionKeys keys, IServiceProvider services, IOptions<KeyManagementOptions> keyManagement, IKeyManager keyManager, TimeProvider time)
{
    private static readonly XNamespace DataProtection = "http://schemas.asp.net/2015/03/dataProtection";
    private static readonly XName EncryptedSecret = DataProtection + "encryptedSecret";
    private static readonly XName RequiresEncryption = DataProtection + "requiresEncryption";

    /// <summary>
    /// With the key file: writes a new key beside it (<c>.new</c>), re-encrypts the ring under it, then
    /// puts it in the file's place and keeps the old key as <c>.previous</c>. Interrupted at any point,
    /// every entry stays readable (all three files are read) and running it again finishes the job.
    /// </summary>
    public async Task<KeyFileRotation> RotateKeyFileAsync(CancellationToken cancellationToken)
    {
        if (!keys.UsesKeyFile || keys.Current is not { } current)
        {
            throw new KeyRingUnavailableException(
                "The key ring is not protected by the key file: put the new KeyRing:Key (or KeyRing:Certificate) in the configuration, " +
                "the old one in KeyRing:PreviousKeys, and run 'herald key-ring reencrypt'.");
        }

        var nextPath = KeyFile.NextPath(keys.KeyFilePath);
        KeyFile.TryCreate(nextPath, KeyEncryptionKey.New($"Key file {nextPath}"));
        var next = KeyFile.Read(nextPath);
        var count = await ReencryptAsync(new KeyRingXmlEncryptor(next), next.Id, cancellationToken);

        var previousPath = KeyFile.PreviousPath(keys.KeyFilePath);
        File.Delete(previousPath);
        KeyFile.TryCreate(previousPath, current);
        File.Move(nextPath, keys.KeyFilePath, overwrite: true);
        return new KeyFileRotation(current.Id, next.Id, count);
    }

    /// <summary>Re-encrypts every entry under the configured protection (key or certificate), reading older ones with any key this node has.</summary>
    public Task<int> ReencryptAsync(CancellationToken cancellationToken) =>
        ReencryptAsync(keyManagement.Value.XmlEncryptor ?? throw new InvalidOperationException("No key ring encryptor is configured."), keys.Current?.Id, cancellationToken);

    /// <summary>Encrypts the entries written before the key ring was encrypted (by an older Herald); leaves the others alone.</summary>
    public Task<int> EncryptPlainEntriesAsync(CancellationToken cancellationToken) =>
        ReencryptAsync(keyManagement.Value.XmlEncryptor ?? throw new InvalidOperationException("No key ring encryptor is configured."), null, cancellationToken, plainOnly: true);

    /// <summary>A new Data Protection key, the default from now on; older keys stay to read what they protected.</summary>
    public IKey NewDataProtectionKey()
    {
        var now = time.GetUtcNow();
        return keyManager.CreateNewKey(now, now + keyManagement.Value.NewKeyLifetime);
    }

    private async Task<int> ReencryptAsync(IXmlEncryptor encryptor, string? targetKeyId, CancellationToken cancellationToken, bool plainOnly = false)
    {
        await using var context = database.CreateContext();
        await using var transaction = await context.Database.BeginTransactionAsync(cancellationToken);
        var rows = await context.DataProtectionKeys.ToListAsync(cancellationToken);
        var count = 0;
        foreach (var row in rows)
        {
            var xml = XElement.Parse(row.Xml!);
            if (Reencrypt(xml, encryptor, targetKeyId, plainOnly))
            {
                row.Xml = xml.ToString(SaveOptions.DisableFormatting);
                count++;
            }
        }

        await context.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return count;
    }

    private bool Reencrypt(XElement entry, IXmlEncryptor encryptor, string? targetKeyId, bool plainOnly)
    {
        var changed = false;
        foreach (var encrypted in plainOnly ? [] : entry.Descendants(EncryptedSecret).ToList())
        {
            var inner = encrypted.Elements().Single();
            if (targetKeyId is not null && inner.Name == KeyRingXmlEncryptor.ElementName && inner.Attribute(KeyRingXmlEncryptor.KeyIdAttribute)?.Value == targetKeyId)
            {
                continue;
            }

            encrypted.ReplaceWith(Wrap(encryptor.Encrypt(Decryptor(encrypted).Decrypt(inner))));
            changed = true;
        }

        // Entries written before the key ring was encrypted (Data Protection marks their secrets).
        foreach (var plain in entry.Descendants().Where(e => (string?)e.Attribute(RequiresEncryption) == "true").ToList())
        {
            plain.ReplaceWith(Wrap(encryptor.Encrypt(plain)));
            changed = true;
        }

        return changed;
    }

    private IXmlDecryptor Decryptor(XElement encryptedSecret)
    {
        var typeName = (string?)encryptedSecret.Attribute("decryptorType") ?? throw new InvalidOperationException("A key ring entry names no decryptor.");
        var type = Type.GetType(typeName, throwOnError: true)!;
        var withServices = type.GetConstructor([typeof(IServiceProvider)]);
        return (IXmlDecryptor)(withServices is not null ? withServices.Invoke([services]) : Activator.CreateInstance(type)!);
    }

    private static XElement Wrap(EncryptedXmlInfo info) =>
        new(EncryptedSecret, new XAttribute("decryptorType", info.DecryptorType.AssemblyQualifiedName!), info.EncryptedElement);
}

public sealed record KeyFileRotation(string OldKeyId, string NewKeyId, int EntriesReencrypted);
