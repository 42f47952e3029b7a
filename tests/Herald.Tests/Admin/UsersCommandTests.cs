using System.Text.RegularExpressions;
using Herald.Admin.Users;
using Herald.Settings;
using Herald.Storage;
using Herald.Tests.Fixtures;
using Microsoft.Extensions.DependencyInjection;

namespace Herald.Tests.Admin;

public sealed partial class UsersCommandTests
{
    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task Users_create_makes_an_owner_with_a_printed_password_and_users_list_shows_it(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);

        var (exitCode, output) = await HeraldProcess.RunToEndAsync("users", "create", "--email", "Owner@Example.org", "--role", "owner", "--database", database.DatabaseArgument);
        Assert.True(exitCode == 0, output);
        var password = PasswordLine().Match(output).Groups[1].Value;
        Assert.Equal(24, password.Length);

        (exitCode, output) = await HeraldProcess.RunToEndAsync("users", "list", "--database", database.DatabaseArgument);
        Assert.True(exitCode == 0, output);
        Assert.Contains("owner@example.org\towner\tOwner", output, StringComparison.Ordinal);

        await using var herald = await HeraldApp.StartAsync(database, role: HeraldRole.Api);
        var owner = await herald.Services.GetRequiredService<UserAdministration>().SignInAsync("owner@example.org", password, CancellationToken.None);
        Assert.Equal(AdminRole.Owner, owner?.Role);
    }

    [GeneratedRegex(@"Password: (\S+)")]
    private static partial Regex PasswordLine();
}
