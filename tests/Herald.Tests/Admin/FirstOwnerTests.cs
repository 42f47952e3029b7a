using Herald.Admin.Users;
using Herald.Settings;
using Herald.Storage;
using Herald.Tests.Fixtures;
using Microsoft.Extensions.DependencyInjection;

namespace Herald.Tests.Admin;

public sealed class FirstOwnerTests
{
    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task The_first_start_creates_an_owner_whose_password_is_in_a_file_and_later_starts_do_not(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var data = Directory.CreateTempSubdirectory("herald-first-owner-");
        try
        {
            var settings = new Dictionary<string, string?> { ["Admin:CreateFirstOwner"] = "true", ["Data"] = data.FullName };
            var file = Path.Combine(data.FullName, "admin-password");
            await using (var herald = await HeraldApp.StartAsync(database, role: HeraldRole.Api, settings: settings))
            {
                var password = (await File.ReadAllTextAsync(file)).Trim();
                if (!OperatingSystem.IsWindows())
                {
                    Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(file));
                }

                var owner = await herald.Services.GetRequiredService<UserAdministration>().SignInAsync("admin@localhost", password, CancellationToken.None);
                Assert.Equal(AdminRole.Owner, owner?.Role);
            }

            File.Delete(file);
            await using (var again = await HeraldApp.StartAsync(database, role: HeraldRole.Api, settings: settings))
            {
                Assert.False(File.Exists(file));
                Assert.Single(await again.Services.GetRequiredService<UserAdministration>().ListAsync(CancellationToken.None));
            }
        }
        finally
        {
            data.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task Admin_CreateFirstOwner_false_creates_no_user()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        var data = Directory.CreateTempSubdirectory("herald-first-owner-");
        try
        {
            await using var herald = await HeraldApp.StartAsync(database, role: HeraldRole.Api,
                settings: new Dictionary<string, string?> { ["Admin:CreateFirstOwner"] = "false", ["Data"] = data.FullName });
            Assert.Empty(await herald.Services.GetRequiredService<UserAdministration>().ListAsync(CancellationToken.None));
            Assert.False(File.Exists(Path.Combine(data.FullName, "admin-password")));
        }
        finally
        {
            data.Delete(recursive: true);
        }
    }
}
