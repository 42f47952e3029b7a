using System.Xml.Linq;
using Herald.Storage;
using Microsoft.EntityFrameworkCore;

namespace Herald.Secrets;

/// <summary>
/// Runs before Data Protection loads the ring: a key file with loose permissions, a bad configured
/// key, or an entry encrypted with a key this node lacks (a node not given the shared key file)
/// stops the start with one clear message, instead of secrets that fail to decrypt later.
/// </summary>
public sealed partial class KeyRingStartupCheck(KeyEncryptionKeys keys, HeraldDatabase database, KeyRingRotation rotation, ILogger<KeyRingStartupCheck> logger) : IHostedService
{
    private readonly SemaphoreSlim _once = new(1, 1);
    private bool _passed;

    /// <summary>
    /// Called by <c>serve</c> before the host starts, so that a refusal is one line and not the
    /// host's start-up failure; as a hosted service it covers hosts started otherwise.
    /// </summary>
    public async Task CheckAsync(CancellationToken cancellationToken)
    {
        await _once.WaitAsync(cancellationToken);
        try
        {
            if (!_passed)
            {
                await CheckOnceAsync(cancellationToken);
                _passed = true;
            }
        }
        finally
        {
            _once.Release();
        }
    }

    public Task StartAsync(CancellationToken cancellationToken) => CheckAsync(cancellationToken);

    private async Task CheckOnceAsync(CancellationToken cancellationToken)
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

        // A ring written by a Herald that did not encrypt it: readable as it is, but a dump would
        // still hold the keys of every secret protected so far.
        if (entries.Any(xml => xml!.Contains("requiresEncryption=\"true\"", StringComparison.Ordinal)))
        {
            LogEncryptedPlainEntries(logger, await rotation.EncryptPlainEntriesAsync(cancellationToken));
        }
    }

    [LoggerMessage(4205, LogLevel.Warning, "Encrypted {Count} key ring entries that an older Herald had stored unencrypted; database backups taken before now still hold them in plain form")]
    private static partial void LogEncryptedPlainEntries(ILogger logger, int count);

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
