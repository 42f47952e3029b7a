namespace Herald.Storage;

/// <summary>This process's identity among the processes on one database (configuration section <c>Node</c>, env <c>HERALD_NODE__*</c>).</summary>
public sealed class NodeOptions
{
    public const string Section = "Node";

    /// <summary>Most characters in <see cref="Id"/>: it prefixes lease owners, which hold 200.</summary>
    public const int MaxIdLength = 100;

    /// <summary>
    /// A name that stays the same when this node restarts, and that no other live process uses:
    /// leases are recorded under it, and a restart takes back at once the leases its previous
    /// process held. Letters, digits and <c>.-_:</c> only. Default: the host name and a hash of the
    /// data directory, so two nodes on one host differ when their data directories do.
    /// </summary>
    public string? Id { get; set; }

    public static bool IsValidId(string id) =>
        id.Length is > 0 and <= MaxIdLength && id.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or '_' or ':');
}
