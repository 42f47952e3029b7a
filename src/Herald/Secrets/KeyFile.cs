namespace Herald.Secrets;

/// <summary>
/// The key file: one base64 key, readable by its owner only. Beside it, <c>.new</c> (a rotation's
/// next key, until it takes the file's place) and <c>.previous</c> (the key it replaced) are read too,
/// so that a rotation interrupted at any point leaves every entry readable.
/// </summary>
public static class KeyFile
{
    public const string DefaultName = "keyring.key";

    public static string NextPath(string path) => path + ".new";

    public static string PreviousPath(string path) => path + ".previous";

    private const UnixFileMode OthersAndGroup =
        UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.GroupExecute |
        UnixFileMode.OtherRead | UnixFileMode.OtherWrite | UnixFileMode.OtherExecute;

    /// <summary>The key in <paramref name="path"/>, refusing a file that group or others may read.</summary>
    public static KeyEncryptionKey Read(string path)
    {
        if (!OperatingSystem.IsWindows() && (File.GetUnixFileMode(path) & OthersAndGroup) != 0)
        {
            var mode = Convert.ToString((int)File.GetUnixFileMode(path), 8);
            throw new KeyRingUnavailableException(
                $"Key file {path} is readable by group or others (mode {mode}); make it owner-only with: chmod 600 {path}");
        }

        return KeyEncryptionKey.Parse(File.ReadAllText(path), $"Key file {path}");
    }

    public static KeyEncryptionKey? ReadIfPresent(string path) => File.Exists(path) ? Read(path) : null;

    /// <summary>Writes a new file (mode 600 from the start); never replaces one. False if the file exists.</summary>
    public static bool TryCreate(string path, KeyEncryptionKey key)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);

        // Written whole under a temporary name, then linked into place without overwriting: a node
        // starting at the same moment reads either no file or the complete one, and one key wins.
        var temporary = $"{path}.{Guid.NewGuid():N}.tmp";
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        using (var stream = new FileStream(temporary, options))
        using (var writer = new StreamWriter(stream))
        {
            writer.Write(key.ToBase64());
            writer.Flush();
            stream.Flush(flushToDisk: true);
        }

        try
        {
            File.Move(temporary, path, overwrite: false);
            return true;
        }
        catch (IOException) when (File.Exists(path))
        {
            File.Delete(temporary);
            return false;
        }
    }

    public static KeyEncryptionKey ReadOrCreate(string path, out bool created)
    {
        created = !File.Exists(path) && TryCreate(path, KeyEncryptionKey.New($"Key file {path}"));
        return Read(path);
    }
}
