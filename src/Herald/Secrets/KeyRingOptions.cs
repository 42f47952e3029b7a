namespace Herald.Secrets;

/// <summary>
/// What protects the Data Protection key ring (section <c>KeyRing</c>, env <c>HERALD_KEYRING__KEY</c> and so on).
/// Exactly one of <see cref="Certificate"/>, <see cref="Key"/> and the key file is used, in that order.
/// </summary>
public sealed class KeyRingOptions
{
    public const string Section = "KeyRing";

    /// <summary>The key file. Default <c>{Data}/keyring.key</c>, created (mode 600) on first start.</summary>
    public string? KeyFile { get; set; }

    /// <summary>A base64 256-bit key, instead of the key file (every node must be given the same one).</summary>
    public string? Key { get; set; }

    /// <summary>Older base64 keys, comma-separated: read only, until <c>herald key-ring rotate-kek</c> has re-encrypted the ring.</summary>
    public string? PreviousKeys { get; set; }

    /// <summary>A PKCS#12 (.pfx) or PEM certificate with its private key, instead of a key: the ring is encrypted to it (XML encryption).</summary>
    public string? Certificate { get; set; }

    /// <summary>The certificate file's password, if it has one.</summary>
    public string? CertificatePassword { get; set; }
}
