using Herald.Storage;
using Microsoft.Extensions.Options;

namespace Herald.Secrets;

/// <summary>
/// The keys that encrypt key ring entries: the current one (new entries) and every one that may
/// still be needed to read an entry (previous keys, an interrupted rotation's next key).
/// </summary>
public sealed partial class KeyEncryptionKeys
{
    private readonly Dictionary<string, KeyEncryptionKey> _readable = new(StringComparer.Ordinal);

    public KeyEncryptionKeys(IOptions<KeyRingOptions> options, IOptions<StorageOptions> storage, ILogger<KeyEncryptionKeys> logger)
    {
        var o = options.Value;
        KeyFilePath = Path.GetFullPath(o.KeyFile ?? Path.Combine(storage.Value.Data, KeyFile.DefaultName));
        UsesCertificate = !string.IsNullOrWhiteSpace(o.Certificate);
        if (UsesCertificate)
        {
            // An older key file is still read, so a ring written before the certificate stays readable.
            Current = null;
            AddReadable(KeyFile.ReadIfPresent(KeyFilePath));
            LogUsingCertificate(logger, o.Certificate!);
        }
        else if (!string.IsNullOrWhiteSpace(o.Key))
        {
            Current = KeyEncryptionKey.Parse(o.Key, $"{KeyRingOptions.Section}:{nameof(KeyRingOptions.Key)}");
            AddReadable(KeyFile.ReadIfPresent(KeyFilePath));
            LogUsingConfiguredKey(logger, Current.Id);
        }
        else
        {
            UsesKeyFile = true;
            Current = KeyFile.ReadOrCreate(KeyFilePath, out var created);
            if (created)
            {
                LogKeyFileCreated(logger, KeyFilePath);
            }

            LogUsingKeyFile(logger, KeyFilePath, Current.Id);
        }

        AddReadable(Current);
        AddReadable(KeyFile.ReadIfPresent(KeyFile.NextPath(KeyFilePath)));
        AddReadable(KeyFile.ReadIfPresent(KeyFile.PreviousPath(KeyFilePath)));
        foreach (var previous in (o.PreviousKeys ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            AddReadable(KeyEncryptionKey.Parse(previous, $"{KeyRingOptions.Section}:{nameof(KeyRingOptions.PreviousKeys)}"));
        }
    }

    /// <summary>The key new entries are encrypted with; null when a certificate does that.</summary>
    public KeyEncryptionKey? Current { get; }

    public bool UsesCertificate { get; }

    /// <summary>True when <see cref="Current"/> is the key file's (neither a certificate nor <c>KeyRing:Key</c> is configured).</summary>
    public bool UsesKeyFile { get; }

    /// <summary>The key file's full path, whether or not it is the key in use.</summary>
    public string KeyFilePath { get; }

    public KeyEncryptionKey? Find(string id) => _readable.GetValueOrDefault(id);

    public IReadOnlyCollection<string> ReadableIds => _readable.Keys;

    private void AddReadable(KeyEncryptionKey? key)
    {
        if (key is not null)
        {
            _readable.TryAdd(key.Id, key);
        }
    }

    [LoggerMessage(4201, LogLevel.Warning, "Created the key ring's key file {Path}: back it up, and give every node the same one; without it, API keys and provider secrets cannot be read")]
    private static partial void LogKeyFileCreated(ILogger logger, string path);

    [LoggerMessage(4202, LogLevel.Information, "The key ring is encrypted with the key in {Path} (key id {KeyId})")]
    private static partial void LogUsingKeyFile(ILogger logger, string path, string keyId);

    [LoggerMessage(4203, LogLevel.Information, "The key ring is encrypted with the configured KeyRing:Key (key id {KeyId})")]
    private static partial void LogUsingConfiguredKey(ILogger logger, string keyId);

    [LoggerMessage(4204, LogLevel.Information, "The key ring is encrypted with the certificate {Path}")]
    private static partial void LogUsingCertificate(ILogger logger, string path);
}
