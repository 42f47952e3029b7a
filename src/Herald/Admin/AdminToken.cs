using System.Security.Cryptography;
using System.Text;
using Herald.Storage;
using Microsoft.Extensions.Options;
using Herald.Settings;

namespace Herald.Admin;

/// <summary>
/// The admin API's bearer token: <c>AdminToken</c> from configuration (env <c>HERALD_ADMIN_TOKEN</c>),
/// otherwise the one kept in <c>{Data}/admin-token</c>, created on first start.
/// </summary>
public sealed partial class AdminToken
{
    public const string FileName = "admin-token";

    private readonly byte[] _token;

    public AdminToken(IConfiguration configuration, IOptions<StorageOptions> storage, ILogger<AdminToken> logger)
    {
        var configured = ConfigurationKeys.Get(configuration, "AdminToken");
        if (!string.IsNullOrWhiteSpace(configured))
        {
            _token = Encoding.UTF8.GetBytes(configured.Trim());
            return;
        }

        var path = Path.GetFullPath(Path.Combine(storage.Value.Data, FileName));
        if (!File.Exists(path))
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllText(path, Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32)));
            if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
            }

            LogCreated(logger, path);
        }

        _token = Encoding.UTF8.GetBytes(File.ReadAllText(path).Trim());
        LogUsing(logger, path);
    }

    public bool Matches(string presented) =>
        CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(presented), _token);

    [LoggerMessage(4001, LogLevel.Warning, "No AdminToken configured: created one in {Path}; pass it as 'Authorization: Bearer <token>' to /admin/api")]
    private static partial void LogCreated(ILogger logger, string path);

    [LoggerMessage(4002, LogLevel.Information, "Admin API token is read from {Path}")]
    private static partial void LogUsing(ILogger logger, string path);
}
