using System.Net.Http.Json;
using Herald.Storage;
using Herald.Tests.Fixtures;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Herald.Providers.Instances;

namespace Herald.Tests.Providers;

public sealed class ProviderAdminApiTests
{
    private static readonly object Smtp = new
    {
        channel = "email", type = "smtp", name = "relay", priority = 60, active = true,
        settings = new { host = "smtp.example.org", port = 587, security = "starttls", username = "herald", password = "s3cret-passw0rd", from = "noreply@example.org" },
    };

    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task A_provider_is_created_listed_and_changed_with_its_secrets_kept_out_of_sight(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var herald = await HeraldApp.StartAsync(database);

        var created = await HeraldApp.ExpectAsync(await herald.Admin.PostAsJsonAsync("/admin/api/providers", Smtp), 201);
        var id = created.GetProperty("id").GetString();
        Assert.Equal("relay", created.GetProperty("name").GetString());
        Assert.Equal(60, created.GetProperty("priority").GetInt32());
        Assert.Equal("smtp.example.org", created.GetProperty("settings").GetProperty("host").GetString());
        Assert.Equal("starttls", created.GetProperty("settings").GetProperty("security").GetString());
        Assert.False(created.GetProperty("settings").TryGetProperty("password", out _));
        Assert.Equal(["password"], created.GetProperty("secrets_set").EnumerateArray().Select(s => s.GetString()));

        var listed = await HeraldApp.ExpectAsync(await herald.Admin.GetAsync("/admin/api/providers"), 200);
        var entry = Assert.Single(listed.GetProperty("providers").EnumerateArray());
        Assert.DoesNotContain("s3cret", entry.GetRawText(), StringComparison.Ordinal);

        await using (var context = herald.Services.GetRequiredService<HeraldDatabase>().CreateContext())
        {
            var stored = await context.ProviderInstances.SingleAsync();
            Assert.DoesNotContain("s3cret", stored.ProtectedSettings, StringComparison.Ordinal);
            Assert.DoesNotContain("smtp.example.org", stored.ProtectedSettings, StringComparison.Ordinal);
        }

        // New settings without the password keep the old one.
        var changed = await HeraldApp.ExpectAsync(await herald.Admin.PutAsJsonAsync($"/admin/api/providers/{id}", new
        {
            priority = 30, active = false, reason = "moving traffic to the new relay", changed_by = "ops@example.org",
            settings = new { host = "smtp2.example.org", port = 465, security = "tls", username = "herald" },
        }), 200);
        Assert.Equal(30, changed.GetProperty("priority").GetInt32());
        Assert.Equal(30, changed.GetProperty("resting_priority").GetInt32());
        Assert.False(changed.GetProperty("active").GetBoolean());
        Assert.Equal("tls", changed.GetProperty("settings").GetProperty("security").GetString());
        Assert.Equal(["password"], changed.GetProperty("secrets_set").EnumerateArray().Select(s => s.GetString()));
        Assert.Equal(2, changed.GetProperty("version").GetInt32());

        var versions = (await HeraldApp.ExpectAsync(await herald.Admin.GetAsync($"/admin/api/providers/{id}/versions"), 200)).GetProperty("versions").EnumerateArray().ToList();
        Assert.Equal([2, 1], versions.Select(v => v.GetProperty("version").GetInt32()));
        Assert.Equal("ops@example.org", versions[0].GetProperty("changed_by").GetString());
        Assert.Equal("moving traffic to the new relay", versions[0].GetProperty("reason").GetString());
        Assert.True(versions[0].GetProperty("settings_changed").GetBoolean());
        Assert.Equal("admin", versions[1].GetProperty("changed_by").GetString());
    }

    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task A_provider_declared_in_configuration_is_listed(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var herald = await HeraldApp.StartAsync(database, settings: new Dictionary<string, string?>
        {
            ["Delivery:SmsProvider"] = "twilio",
            ["Providers:Twilio:AccountSid"] = "AC0123",
            ["Providers:Twilio:AuthToken"] = "twilio-token-0123456789",
            ["Providers:Instances:0:Name"] = "backup-sms",
            ["Providers:Instances:0:Type"] = "vonage",
            ["Providers:Instances:0:Priority"] = "0",
            ["Providers:Instances:0:Settings:ApiKey"] = "key",
            ["Providers:Instances:0:Settings:ApiSecret"] = "vonage-secret",
        });

        var providers = (await HeraldApp.ExpectAsync(await herald.Admin.GetAsync("/admin/api/providers"), 200)).GetProperty("providers").EnumerateArray().ToList();

        Assert.Equal(["backup-sms", "twilio"], providers.Select(p => p.GetProperty("name").GetString()));
        Assert.All(providers, p => Assert.True(p.GetProperty("from_configuration").GetBoolean()));
        Assert.Equal([0, 100], providers.Select(p => p.GetProperty("priority").GetInt32()));
        Assert.Equal("AC0123", providers[1].GetProperty("settings").GetProperty("account_sid").GetString());
        Assert.DoesNotContain("twilio-token", providers[1].GetRawText(), StringComparison.Ordinal);
        Assert.DoesNotContain("vonage-secret", providers[0].GetRawText(), StringComparison.Ordinal);
    }

    public static TheoryData<string, string> Rejections => new()
    {
        { """{"channel":"fax","type":"smtp","name":"a","priority":10,"settings":{"host":"h"}}""", "channel must be email or sms" },
        { """{"channel":"email","type":"twilio","name":"a","priority":10,"settings":{"account_sid":"AC1","auth_token":"t"}}""", "twilio providers do not send email" },
        { """{"channel":"email","type":"carrier-pigeon","name":"a","priority":10}""", "type must be one of capture, smtp, mailgun, twilio, vonage" },
        { """{"channel":"email","type":"smtp","name":"a","priority":10,"settings":{}}""", "settings.host is required" },
        { """{"channel":"email","type":"smtp","name":"a","priority":10,"settings":{"host":"h","colour":"blue"}}""", "settings.colour is not a setting of smtp providers" },
        { """{"channel":"email","type":"smtp","name":"a","priority":10,"settings":{"host":"h","port":"twenty-five"}}""", "settings.port has the wrong type" },
        { """{"channel":"email","type":"smtp","name":"a","priority":101,"settings":{"host":"h"}}""", "priority must be a whole number from 0 to 100" },
        { """{"channel":"email","type":"smtp","name":"","priority":10,"settings":{"host":"h"}}""", "name is required (at most 100 characters)" },
        { """{"channel":"sms","type":"vonage","name":"a","priority":10,"settings":{"api_key":"k","api_secret":"s","webhook_token":"short"}}""", "settings.webhook_token must be at least 16 characters" },
        { """{"channel":"sms","type":"twilio","name":"a","priority":10,"settings":{"account_sid":"AC1","auth_token":"t","base_url":"not a url"}}""", "settings.base_url is not a valid URL" },
    };

    [Theory]
    [MemberData(nameof(Rejections))]
    public async Task Bad_provider_definitions_are_rejected_and_nothing_is_stored(string body, string message)
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        await using var herald = await HeraldApp.StartAsync(database);

        var response = await herald.Admin.PostAsync(new Uri("/admin/api/providers", UriKind.Relative), new StringContent(body, System.Text.Encoding.UTF8, "application/json"));

        await HeraldApp.ExpectErrorAsync(response, 400, "ValidationError", message);
        var listed = await HeraldApp.ExpectAsync(await herald.Admin.GetAsync("/admin/api/providers"), 200);
        Assert.Empty(listed.GetProperty("providers").EnumerateArray());
    }

    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task A_change_needs_a_reason_and_a_name_is_used_once(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var herald = await HeraldApp.StartAsync(database);
        var id = (await HeraldApp.ExpectAsync(await herald.Admin.PostAsJsonAsync("/admin/api/providers", Smtp), 201)).GetProperty("id").GetString();

        await HeraldApp.ExpectErrorAsync(await herald.Admin.PutAsJsonAsync($"/admin/api/providers/{id}", new { priority = 10 }),
            400, "ValidationError", "reason is required: say why the provider changes");
        await HeraldApp.ExpectErrorAsync(await herald.Admin.PutAsJsonAsync($"/admin/api/providers/{id}", new { priority = 10, reason = new string('r', 1001) }),
            400, "ValidationError", "reason is too long (1000 characters at most)");
        await HeraldApp.ExpectErrorAsync(await herald.Admin.PostAsJsonAsync("/admin/api/providers", Smtp),
            400, "ValidationError", "name relay is already used by another provider");
        await HeraldApp.ExpectErrorAsync(await herald.Admin.PutAsJsonAsync($"/admin/api/providers/{Guid.NewGuid()}", new { priority = 10, reason = "x" }),
            404, "NoResultFound", "No result found");
        var unchanged = Assert.Single((await HeraldApp.ExpectAsync(await herald.Admin.GetAsync("/admin/api/providers"), 200)).GetProperty("providers").EnumerateArray());
        Assert.Equal(60, unchanged.GetProperty("priority").GetInt32());
        Assert.Equal(1, unchanged.GetProperty("version").GetInt32());
    }

    [Fact]
    public async Task The_providers_api_needs_the_admin_token()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        await using var herald = await HeraldApp.StartAsync(database);

        Assert.Equal(401, (int)(await herald.Http.GetAsync(new Uri("/admin/api/providers", UriKind.Relative))).StatusCode);
        Assert.Equal(401, (int)(await herald.Http.PostAsJsonAsync("/admin/api/providers", Smtp)).StatusCode);
    }
}
