using System.Runtime.Versioning;
using Herald.Secrets;
using Herald.Services;
using Herald.Storage;
using Herald.Tests.Fixtures;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Herald.Tests.Secrets;

/// <summary>Both rotations keep every stored secret working: the key-encryption key, and Data Protection's own keys.</summary>
public sealed class KeyRingRotationTests
{
    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    [UnsupportedOSPlatform("windows")]
    public async Task Rotating_the_key_file_reencrypts_the_ring_under_a_new_key_and_keeps_the_old_one_aside(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var data = Directory.CreateTempSubdirectory("herald-keyring-");
        var settings = KeyRingProtectionTests.KeyFileSettings(data.FullName);
        TestService service;
        await using (var herald = await HeraldApp.StartAsync(database, settings: settings))
        {
            service = await herald.CreateReadyServiceAsync();
        }

        var keyFile = Path.Combine(data.FullName, KeyFile.DefaultName);
        var old = KeyFile.Read(keyFile);

        var (exitCode, output) = await HeraldProcess.RunToEndAsync("key-ring", "rotate-kek", "--data", data.FullName, "--database", database.DatabaseArgument);

        Assert.True(exitCode == 0, output);
        var current = KeyFile.Read(keyFile);
        Assert.NotEqual(old.Id, current.Id);
        Assert.Contains($"under key {current.Id}", output, StringComparison.Ordinal);
        Assert.Equal(old.ToBase64(), KeyFile.Read(KeyFile.PreviousPath(keyFile)).ToBase64());
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(keyFile));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(KeyFile.PreviousPath(keyFile)));
        Assert.False(File.Exists(KeyFile.NextPath(keyFile)));
        Assert.Equal([current.Id], KeyRingRows.EncryptingKeyIds(await KeyRingRows.ReadAsync(database)));

        // Once rotated, the old key is needed by nothing: the ring reads with the new key alone.
        File.Delete(KeyFile.PreviousPath(keyFile));
        await using (var herald = await HeraldApp.StartAsync(database, settings: settings))
        {
            var id = (await herald.SendEmailAsync(service, "ada@example.com")).GetProperty("id").GetString()!;
            await herald.WaitForStatusAsync(service.Key, id, "delivered");
        }
    }

    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task A_configured_key_is_rotated_by_reading_with_the_previous_one_and_reencrypting(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        TestService service;
        await using (var herald = await HeraldApp.StartAsync(database))
        {
            service = await herald.CreateReadyServiceAsync();
        }

        var next = KeyEncryptionKey.New("next");
        var rotating = new Dictionary<string, string?> { ["KeyRing:Key"] = next.ToBase64(), ["KeyRing:PreviousKeys"] = HeraldApp.KeyRingKey };
        await using (var herald = await HeraldApp.StartAsync(database, settings: rotating))
        {
            // Until re-encrypted the ring is read with the previous key; new entries use the new one.
            await herald.SendEmailAsync(service, "ada@example.com");
            Assert.True(await herald.Services.GetRequiredService<KeyRingRotation>().ReencryptAsync(CancellationToken.None) >= 1);
        }

        Assert.Equal([next.Id], KeyRingRows.EncryptingKeyIds(await KeyRingRows.ReadAsync(database)));
        await using (var herald = await HeraldApp.StartAsync(database, settings: new Dictionary<string, string?> { ["KeyRing:Key"] = next.ToBase64() }))
        {
            await herald.SendEmailAsync(service, "bo@example.com");
        }
    }

    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task A_new_data_protection_key_protects_new_secrets_and_old_secrets_stay_readable(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        TestService service;
        Guid firstKey;
        await using (var herald = await HeraldApp.StartAsync(database))
        {
            service = await herald.CreateReadyServiceAsync();
            firstKey = await ProtectingKeyAsync(herald, service.Id);
        }

        var (exitCode, output) = await HeraldProcess.RunToEndAsync(
            new Dictionary<string, string> { ["HERALD_KEYRING__KEY"] = HeraldApp.KeyRingKey }, "key-ring", "new-key", "--database", database.DatabaseArgument);
        Assert.True(exitCode == 0, output);
        Assert.Equal(2, (await KeyRingRows.ReadAsync(database)).Count);

        await using (var herald = await HeraldApp.StartAsync(database))
        {
            await herald.SendEmailAsync(service, "ada@example.com");
            var second = await herald.CreateKeyAsync(service.Id, name: "second");
            var newKey = await ProtectingKeyAsync(herald, service.Id, "second");
            Assert.NotEqual(firstKey, newKey);
            Assert.Contains($"Added key {newKey}", output, StringComparison.Ordinal);
            await herald.SendEmailAsync(service with { Key = second }, "bo@example.com");
        }
    }

    /// <summary>The Data Protection key that protects the API key's stored secret (its id follows the payload's 4-byte magic header).</summary>
    private static async Task<Guid> ProtectingKeyAsync(HeraldApp herald, Guid serviceId, string name = "key")
    {
        await using var context = herald.Services.GetRequiredService<HeraldDatabase>().CreateContext();
        var stored = await context.ApiKeys.Where(k => k.ServiceId == serviceId && k.Name == name).Select(k => k.ProtectedSecret).SingleAsync();
        return new Guid(WebEncoders.Base64UrlDecode(stored).AsSpan(4, 16));
    }
}
