using Herald.Admin.Users;
using Herald.NotifyFormat;
using Herald.Settings;
using Herald.Storage;
using Herald.Tests.Fixtures;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Herald.Tests.Admin;

public sealed class UserAdministrationTests
{
    private const string Password = "correct horse battery";

    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task A_user_signs_in_with_their_password_and_not_with_another(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var herald = await HeraldApp.StartAsync(database, role: HeraldRole.Api);
        var users = herald.Services.GetRequiredService<UserAdministration>();

        var created = await users.CreateAsync("  Ada@Example.ORG ", "Ada Lovelace", AdminRole.Editor, Password, CancellationToken.None);
        Assert.Equal("ada@example.org", created.Email);
        Assert.Equal(AdminRole.Editor, created.Role);

        var signedIn = await users.SignInAsync("ADA@example.org", Password, CancellationToken.None);
        Assert.Equal(created.Id, signedIn?.Id);
        Assert.Null(await users.SignInAsync("ada@example.org", Password + "x", CancellationToken.None));
        Assert.Null(await users.SignInAsync("nobody@example.org", Password, CancellationToken.None));
        Assert.Equal(created, await users.GetAsync(created.Id, CancellationToken.None));
        Assert.Equal([created.Id], (await users.ListAsync(CancellationToken.None)).Select(u => u.Id));
    }

    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task Creating_refuses_a_taken_email_a_bad_email_a_long_name_and_a_short_password(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var herald = await HeraldApp.StartAsync(database, role: HeraldRole.Api);
        var users = herald.Services.GetRequiredService<UserAdministration>();
        await users.CreateAsync("ada@example.org", "Ada", AdminRole.Owner, Password, CancellationToken.None);

        var taken = await Assert.ThrowsAsync<NotifyApiException>(() => users.CreateAsync("ADA@example.org", "Ada", AdminRole.Viewer, Password, CancellationToken.None));
        Assert.Equal(["email ada@example.org is already a user"], taken.Messages);
        var bad = await Assert.ThrowsAsync<NotifyApiException>(() => users.CreateAsync("not an email", new string('n', 256), AdminRole.Viewer, "short", CancellationToken.None));
        Assert.Equal(400, bad.StatusCode);
        Assert.Equal(
            ["email Not a valid email address", "name is too long (255 characters at most)", "password is too short (12 characters at least)"],
            bad.Messages);
        Assert.Single(await users.ListAsync(CancellationToken.None));
    }

    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task A_hash_in_an_older_format_is_replaced_when_its_user_signs_in(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var herald = await HeraldApp.StartAsync(database, role: HeraldRole.Api);
        var users = herald.Services.GetRequiredService<UserAdministration>();
        var user = await users.CreateAsync("old@example.org", "Old", AdminRole.Viewer, Password, CancellationToken.None);
        var oldHasher = new PasswordHasher<AdminUserRecord>(Options.Create(new PasswordHasherOptions { CompatibilityMode = PasswordHasherCompatibilityMode.IdentityV2 }));
        var oldHash = oldHasher.HashPassword(null!, Password);
        await SetHashAsync(herald, user.Id, oldHash);

        Assert.NotNull(await users.SignInAsync("old@example.org", Password, CancellationToken.None));

        var stored = await HashAsync(herald, user.Id);
        Assert.NotEqual(oldHash, stored);
        Assert.Equal(PasswordVerificationResult.Success, new PasswordHasher<AdminUserRecord>().VerifyHashedPassword(null!, stored, Password));
        Assert.NotNull(await users.SignInAsync("old@example.org", Password, CancellationToken.None));
        Assert.Equal(stored, await HashAsync(herald, user.Id));
    }

    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task The_last_owner_can_be_neither_deleted_nor_demoted(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var herald = await HeraldApp.StartAsync(database, role: HeraldRole.Api);
        var users = herald.Services.GetRequiredService<UserAdministration>();
        var first = await users.CreateAsync("first@example.org", "First", AdminRole.Owner, Password, CancellationToken.None);
        var editor = await users.CreateAsync("editor@example.org", "Editor", AdminRole.Editor, Password, CancellationToken.None);

        var delete = await Assert.ThrowsAsync<NotifyApiException>(() => users.DeleteAsync(first.Id, CancellationToken.None));
        Assert.Contains("last owner", delete.Message, StringComparison.Ordinal);
        var demote = await Assert.ThrowsAsync<NotifyApiException>(() => users.UpdateAsync(first.Id, null, AdminRole.Editor, null, CancellationToken.None));
        Assert.Contains("last owner", demote.Message, StringComparison.Ordinal);

        await users.UpdateAsync(editor.Id, "Second", AdminRole.Owner, null, CancellationToken.None);
        Assert.Equal(AdminRole.Viewer, (await users.UpdateAsync(first.Id, null, AdminRole.Viewer, null, CancellationToken.None)).Role);
        await Assert.ThrowsAsync<NotifyApiException>(() => users.DeleteAsync(editor.Id, CancellationToken.None));
        await users.DeleteAsync(first.Id, CancellationToken.None);
        Assert.Equal(["Second"], (await users.ListAsync(CancellationToken.None)).Select(u => u.Name));
        Assert.Equal(404, (await Assert.ThrowsAsync<NotifyApiException>(() => users.DeleteAsync(first.Id, CancellationToken.None))).StatusCode);
    }

    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task A_changed_password_replaces_the_old_one(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var herald = await HeraldApp.StartAsync(database, role: HeraldRole.Api);
        var users = herald.Services.GetRequiredService<UserAdministration>();
        var user = await users.CreateAsync("ada@example.org", "Ada", AdminRole.Owner, Password, CancellationToken.None);

        await users.UpdateAsync(user.Id, null, null, "a new long password", CancellationToken.None);

        Assert.Null(await users.SignInAsync("ada@example.org", Password, CancellationToken.None));
        Assert.NotNull(await users.SignInAsync("ada@example.org", "a new long password", CancellationToken.None));
    }

    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task A_token_finds_its_user_until_revoked_or_the_user_is_deleted(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var herald = await HeraldApp.StartAsync(database, role: HeraldRole.Api);
        var users = herald.Services.GetRequiredService<UserAdministration>();
        await users.CreateAsync("owner@example.org", "Owner", AdminRole.Owner, Password, CancellationToken.None);
        var user = await users.CreateAsync("ada@example.org", "Ada", AdminRole.Editor, Password, CancellationToken.None);
        var kept = await users.CreateTokenAsync(user.Id, "laptop", CancellationToken.None);
        var revoked = await users.CreateTokenAsync(user.Id, "old", CancellationToken.None);

        Assert.StartsWith(UserAdministration.TokenPrefix, kept.Secret, StringComparison.Ordinal);
        Assert.Equal(user.Id, (await users.FindByTokenAsync(kept.Secret, CancellationToken.None))?.Id);
        await users.RevokeTokenAsync(user.Id, revoked.Id, CancellationToken.None);
        await users.RevokeTokenAsync(user.Id, revoked.Id, CancellationToken.None);
        Assert.Null(await users.FindByTokenAsync(revoked.Secret, CancellationToken.None));
        Assert.Null(await users.FindByTokenAsync(kept.Secret[..^1] + (kept.Secret[^1] == '0' ? "1" : "0"), CancellationToken.None));

        var listed = await users.ListTokensAsync(user.Id, CancellationToken.None);
        Assert.Equal(["laptop", "old"], listed.Select(t => t.Name));
        Assert.NotNull(listed[0].LastUsedAt);
        Assert.Null(listed[0].RevokedAt);
        Assert.NotNull(listed[1].RevokedAt);

        await users.DeleteAsync(user.Id, CancellationToken.None);
        Assert.Null(await users.FindByTokenAsync(kept.Secret, CancellationToken.None));
        await using var context = herald.Services.GetRequiredService<HeraldDatabase>().CreateContext();
        Assert.Equal(0, await context.AdminUserTokens.CountAsync(t => t.UserId == user.Id));
    }

    private static async Task SetHashAsync(HeraldApp herald, Guid id, string hash)
    {
        await using var context = herald.Services.GetRequiredService<HeraldDatabase>().CreateContext();
        await context.AdminUsers.Where(u => u.Id == id).ExecuteUpdateAsync(s => s.SetProperty(u => u.PasswordHash, hash));
    }

    private static async Task<string> HashAsync(HeraldApp herald, Guid id)
    {
        await using var context = herald.Services.GetRequiredService<HeraldDatabase>().CreateContext();
        return await context.AdminUsers.Where(u => u.Id == id).Select(u => u.PasswordHash).SingleAsync();
    }
}
