using System.Runtime.Versioning;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Herald.Secrets;
using Herald.Storage;
using Herald.Tests.Fixtures;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.Extensions.DependencyInjection;

namespace Herald.Tests.Secrets;

/// <summary>The key ring in the database is encrypted with a key that is not there: a dump alone reveals no secret.</summary>
public sealed class KeyRingProtectionTests
{
    private static readonly Dictionary<string, string?> Callbacks = new() { ["AllowPrivateTargets"] = "true", ["AllowHttpCallbacks"] = "true" };

    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task A_database_dump_holds_neither_the_key_ring_keys_nor_any_secret_in_plain_form(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var receiver = await CallbackReceiver.StartAsync(200);
        var logs = new CapturedLogs();
        TestService service;
        await using (var herald = await HeraldApp.StartAsync(database, settings: Callbacks, logs: logs))
        {
            service = await herald.CreateReadyServiceAsync();
            await herald.SetCallbackAsync(service.Id, "delivery_status", receiver.Url, "callback-bearer-token-4711");
        }

        Assert.DoesNotContain(logs.Lines, line => line.Contains("No XML encryptor configured", StringComparison.Ordinal));
        var rows = await KeyRingRows.ReadAsync(database);
        Assert.NotEmpty(rows);
        Assert.All(rows, row =>
        {
            Assert.DoesNotContain("<masterKey", row, StringComparison.Ordinal);
            Assert.DoesNotContain("requiresEncryption", row, StringComparison.Ordinal);
        });
        var masterKeys = KeyRingRows.MasterKeys(rows, KeyEncryptionKey.Parse(HeraldApp.KeyRingKey, "test key"));
        Assert.Equal(rows.Count, masterKeys.Count);

        var dump = await KeyRingRows.DumpAsync(database);
        Assert.All(masterKeys, masterKey => Assert.DoesNotContain(masterKey, dump, StringComparison.Ordinal));
        Assert.DoesNotContain(service.Key[^36..], dump, StringComparison.Ordinal);
        Assert.DoesNotContain("callback-bearer-token-4711", dump, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    [UnsupportedOSPlatform("windows")]
    public async Task The_key_file_is_created_owner_only_on_first_start_and_keeps_secrets_readable_across_restarts(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var data = Directory.CreateTempSubdirectory("herald-keyring-");
        var settings = KeyFileSettings(data.FullName);
        TestService service;
        await using (var herald = await HeraldApp.StartAsync(database, settings: settings))
        {
            service = await herald.CreateReadyServiceAsync();
        }

        var keyFile = Path.Combine(data.FullName, KeyFile.DefaultName);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(keyFile));
        var key = KeyFile.Read(keyFile);
        Assert.Equal([key.Id], KeyRingRows.EncryptingKeyIds(await KeyRingRows.ReadAsync(database)));
        Assert.Empty(Directory.GetFiles(data.FullName, "*.tmp"));

        await using (var herald = await HeraldApp.StartAsync(database, settings: settings))
        {
            await herald.SendEmailAsync(service, "ada@example.com");
        }

        Assert.Equal(key.ToBase64(), KeyFile.Read(keyFile).ToBase64());
    }

    [Fact]
    [UnsupportedOSPlatform("windows")]
    public async Task A_key_file_that_others_can_read_stops_the_start_with_one_clear_line()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        var data = Directory.CreateTempSubdirectory("herald-keyring-");
        var keyFile = Path.Combine(data.FullName, KeyFile.DefaultName);
        await File.WriteAllTextAsync(keyFile, KeyEncryptionKey.New("test").ToBase64());
        File.SetUnixFileMode(keyFile, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);

        var (exitCode, output) = await HeraldProcess.RunToEndAsync("serve", "--urls", "http://127.0.0.1:0", "--data", data.FullName, "--database", database.DatabaseArgument);

        Assert.Equal(2, exitCode);
        var line = Assert.Single(output.Split('\n'), l => l.StartsWith("Key ring:", StringComparison.Ordinal));
        Assert.Contains($"Key file {keyFile} is readable by group or others (mode 644)", line, StringComparison.Ordinal);
        Assert.Contains($"chmod 600 {keyFile}", line, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", output, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task A_node_without_the_shared_key_refuses_to_start(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var first = await HeraldApp.StartAsync(database);
        await first.CreateReadyServiceAsync();

        var other = KeyEncryptionKey.New("other");
        var refused = await Assert.ThrowsAsync<KeyRingUnavailableException>(() =>
            HeraldApp.StartAsync(database, settings: new Dictionary<string, string?> { ["KeyRing:Key"] = other.ToBase64() }));
        Assert.Contains($"encrypted with key {KeyEncryptionKey.Parse(HeraldApp.KeyRingKey, "test").Id}, which this node does not have", refused.Message, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task Secrets_stored_before_the_key_ring_was_encrypted_still_work_and_the_ring_is_encrypted_on_upgrade(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var receiver = await CallbackReceiver.StartAsync(200);
        TestService service;

        // Herald before this change: Data Protection with no XML encryptor.
        await using (var old = await HeraldApp.StartAsync(database, settings: Callbacks, services: s => s.PostConfigure<KeyManagementOptions>(o => o.XmlEncryptor = null)))
        {
            service = await old.CreateReadyServiceAsync();
            await old.SetCallbackAsync(service.Id, "delivery_status", receiver.Url, "callback-bearer-token-4711");
        }

        Assert.Contains(await KeyRingRows.ReadAsync(database), row => row.Contains("<masterKey", StringComparison.Ordinal));

        await using var herald = await HeraldApp.StartAsync(database, settings: Callbacks);
        var id = (await herald.SendEmailAsync(service, "ada@example.com")).GetProperty("id").GetString()!;
        await herald.WaitForStatusAsync(service.Key, id, "delivered");
        await Eventually.TrueAsync(() => Task.FromResult(!receiver.Received.IsEmpty), "the delivery_status callback arrives");
        Assert.Equal("Bearer callback-bearer-token-4711", receiver.Received.First().Authorization);

        var rows = await KeyRingRows.ReadAsync(database);
        Assert.All(rows, row => Assert.DoesNotContain("<masterKey", row, StringComparison.Ordinal));
        Assert.Equal([KeyEncryptionKey.Parse(HeraldApp.KeyRingKey, "test").Id], KeyRingRows.EncryptingKeyIds(rows));
    }

    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task A_configured_certificate_protects_the_key_ring(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var data = Directory.CreateTempSubdirectory("herald-keyring-");
        var certificate = Path.Combine(data.FullName, "keyring.pfx");
        using (var rsa = RSA.Create(2048))
        {
            var request = new CertificateRequest("CN=herald key ring", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
            using var created = request.CreateSelfSigned(TimeProvider.System.GetUtcNow().AddDays(-1), TimeProvider.System.GetUtcNow().AddYears(1));
            await File.WriteAllBytesAsync(certificate, created.Export(X509ContentType.Pfx, "pfx-password"));
        }

        var settings = KeyFileSettings(data.FullName);
        settings["KeyRing:Certificate"] = certificate;
        settings["KeyRing:CertificatePassword"] = "pfx-password";
        TestService service;
        await using (var herald = await HeraldApp.StartAsync(database, settings: settings))
        {
            service = await herald.CreateReadyServiceAsync();
        }

        var rows = await KeyRingRows.ReadAsync(database);
        Assert.All(rows, row =>
        {
            Assert.DoesNotContain("<masterKey", row, StringComparison.Ordinal);
            Assert.Contains("EncryptedData", row, StringComparison.Ordinal);
        });
        Assert.False(File.Exists(Path.Combine(data.FullName, KeyFile.DefaultName)), "no key file is made when a certificate protects the ring");

        await using (var herald = await HeraldApp.StartAsync(database, settings: settings))
        {
            await herald.SendEmailAsync(service, "ada@example.com");
        }
    }

    /// <summary>The default protection: the key file in <paramref name="data"/>, not the tests' shared configured key.</summary>
    internal static Dictionary<string, string?> KeyFileSettings(string data) => new() { ["Data"] = data, ["KeyRing:Key"] = null };
}
