using Herald.Storage;
using Microsoft.Extensions.Options;

namespace Herald.Admin.Users;

/// <summary>
/// At start, when there is no admin user at all, creates the owner <c>admin@localhost</c> with a
/// random password written to <c>{Data}/admin-password</c> (mode 0600, as <c>admin-token</c>).
/// Runs once the database is migrated (serve migrates before starting the host).
/// </summary>
internal sealed class FirstOwner(
    UserAdministration users, IOptions<AdminUserOptions> options, IOptions<StorageOptions> storage, ILogger<FirstOwner> logger) : IHostedService
{
    public const string Email = "admin@localhost";

    public const string FileName = "admin-password";

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (!options.Value.CreateFirstOwner)
        {
            return;
        }

        var password = UserAdministration.NewPassword();
        if (await users.CreateFirstOwnerAsync(Email, "Admin", password, cancellationToken) is null)
        {
            return;
        }

        var path = Path.GetFullPath(Path.Combine(storage.Value.Data, FileName));
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);

        // Made unreadable to others before the password is in it.
        File.WriteAllText(path, "");
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }

        await File.WriteAllTextAsync(path, password + "\n", cancellationToken);
        Log.FirstOwnerCreated(logger, Email, path);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
