using Herald.Notifications;
using Herald.Settings;
using Herald.Storage;
using Herald.Tests.Fixtures;

namespace Herald.Tests.Secrets;

/// <summary>The notifications' personalisation column holds ciphertext; rows stored in plain JSON by an older Herald still render.</summary>
public sealed class PersonalisationAtRestTests
{
    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task Personalisation_is_stored_encrypted_and_rendered_at_delivery(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var herald = await HeraldApp.StartAsync(database);
        var service = await herald.CreateReadyServiceAsync();

        var id = (await herald.SendEmailAsync(service, "ada@example.com", new { name = "Perpetua", code = "SECRET-8812" })).GetProperty("id").GetString()!;
        await herald.WaitForStatusAsync(service.Key, id, "delivered");

        var stored = Assert.Single(await KeyRingRows.ReadAsync(database, "SELECT personalisation FROM notifications"));
        Assert.StartsWith(PersonalisationProtector.Prefix, stored, StringComparison.Ordinal);
        Assert.DoesNotContain("SECRET-8812", stored, StringComparison.Ordinal);
        Assert.DoesNotContain("Perpetua", stored, StringComparison.Ordinal);
        Assert.Contains("Your code is SECRET-8812.", await InboxHtmlAsync(herald), StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task Personalisation_stored_in_plain_json_before_encryption_still_renders(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        TestService service;
        string id;

        // An API node only: the notification waits in the queue while its row is made as an older Herald wrote it.
        await using (var api = await HeraldApp.StartAsync(database, role: HeraldRole.Api))
        {
            service = await api.CreateReadyServiceAsync();
            id = (await api.SendEmailAsync(service, "ada@example.com", new { name = "Ada", code = "1234" })).GetProperty("id").GetString()!;
        }

        await using (var db = new HeraldDatabase(database.Target))
        await using (var connection = await db.OpenConnectionAsync(CancellationToken.None))
        await using (var command = connection.CreateCommand())
        {
            command.CommandText = "UPDATE notifications SET personalisation = '{\"name\":\"Ada\",\"code\":\"PLAIN-5150\"}'";
            Assert.Equal(1, await command.ExecuteNonQueryAsync());
        }

        await using var herald = await HeraldApp.StartAsync(database);
        await herald.WaitForStatusAsync(service.Key, id, "delivered");
        Assert.Contains("Your code is PLAIN-5150.", await InboxHtmlAsync(herald), StringComparison.Ordinal);
    }

    private static async Task<string> InboxHtmlAsync(HeraldApp herald)
    {
        var inbox = await HeraldApp.ExpectAsync(await herald.Admin.GetAsync(new Uri("/admin/api/inbox?to=ada@example.com", UriKind.Relative)), 200);
        return Assert.Single(inbox.GetProperty("messages").EnumerateArray()).GetProperty("html").GetString()!;
    }
}
