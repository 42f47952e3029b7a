using System.Xml.Linq;
using Herald.Storage;
using Microsoft.EntityFrameworkCore;

namespace Herald.Secrets;

/// <summary>
/// Runs before Data Protection loads the ring: a key file with loose permissions, a bad configured
/// key, or an entry encrypted with a key this node lacks (a node not given the shared key file)
/// stops the start with one clear message, instead of secrets that fail to decrypt later.
/// </summary>
internal sealed class KeyRingStartupCheck(KeyEncryptionKeys keys, HeraldDatabase database) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using var context = database.CreateContext();
        var entries = await context.DataProtectionKeys.AsNoTracking().Select(k => k.Xml).ToListAsync(cancellationToken);
        var missing = entries
            .SelectMany(xml => XElement.Parse(xml!).Descendants(KeyRingXmlEncryptor.ElementName))
            .Select(e => e.Attribute(KeyRingXmlEncryptor.KeyIdAttribute)?.Value ?? "")
            .Where(id => keys.Find(id) is null)
            .Distinct()
            .ToList();
        if (missing.Count > 0)
        {
            throw new KeyRingUnavailableException(
                $"The key ring in the database is encrypted with key {string.Join(", ", missing)}, which this node does not have " +
                $"(it has {string.Join(", ", keys.ReadableIds)}): give every node the same key file ({keys.KeyFilePath}) or KeyRing:Key.");
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
