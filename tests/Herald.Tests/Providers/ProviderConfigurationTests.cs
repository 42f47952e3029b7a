using System.Text.Json;
using Herald.Storage;
using Herald.Tests.Fixtures;

namespace Herald.Tests.Providers;

/// <summary>Configuration owns the settings of the instances it declares, applied as each process starts.</summary>
public sealed class ProviderConfigurationTests
{
    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task Each_start_applies_what_changed_in_configuration_and_nothing_else(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var twilioOnly = new Dictionary<string, string?>
        {
            ["Delivery:SmsProvider"] = "twilio",
            ["Providers:Twilio:AccountSid"] = "AC0123",
            ["Providers:Twilio:AuthToken"] = "twilio-token-0123456789",
        };
        var withBackup = new Dictionary<string, string?>(twilioOnly)
        {
            ["Providers:Instances:0:Name"] = "backup-sms",
            ["Providers:Instances:0:Type"] = "vonage",
            ["Providers:Instances:0:Settings:ApiKey"] = "key",
            ["Providers:Instances:0:Settings:ApiSecret"] = "vonage-secret",
        };

        await StartAndStopAsync(database, withBackup);
        var first = await ListAsync(database, withBackup);
        Assert.Equal([("backup-sms", true, 1), ("twilio", true, 1)], first.Select(Summary));

        // The same configuration again: nothing written.
        Assert.Equal(first.Select(Summary), (await ListAsync(database, withBackup)).Select(Summary));

        // A setting changed, the backup no longer declared.
        var changed = new Dictionary<string, string?>(twilioOnly) { ["Providers:Twilio:AccountSid"] = "AC9999" };
        var second = await ListAsync(database, changed);
        Assert.Equal([("backup-sms", false, 2), ("twilio", true, 2)], second.Select(Summary));
        Assert.Equal("AC9999", second[1].GetProperty("settings").GetProperty("account_sid").GetString());
        Assert.Equal(["settings changed in configuration", "no longer in configuration"], second.Select(p => p.GetProperty("reason").GetString()).Reverse());

        // Declared again: active again, its settings untouched.
        var third = await ListAsync(database, new Dictionary<string, string?>(withBackup) { ["Providers:Twilio:AccountSid"] = "AC9999" });
        Assert.Equal([("backup-sms", true, 3), ("twilio", true, 2)], third.Select(Summary));
        Assert.Equal("declared in configuration again", third[0].GetProperty("reason").GetString());
    }

    private static (string?, bool, int) Summary(JsonElement p) =>
        (p.GetProperty("name").GetString(), p.GetProperty("active").GetBoolean(), p.GetProperty("version").GetInt32());

    private static async Task StartAndStopAsync(TestDatabase database, Dictionary<string, string?> settings)
    {
        await using var herald = await HeraldApp.StartAsync(database, settings: settings);
        await HeraldApp.ExpectAsync(await herald.Admin.GetAsync("/admin/api/providers"), 200);
    }

    /// <summary>The providers as a process started with these settings lists them, by name.</summary>
    private static async Task<List<JsonElement>> ListAsync(TestDatabase database, Dictionary<string, string?> settings)
    {
        await using var herald = await HeraldApp.StartAsync(database, settings: settings);
        var providers = (await HeraldApp.ExpectAsync(await herald.Admin.GetAsync("/admin/api/providers"), 200)).GetProperty("providers");
        return [.. providers.EnumerateArray().OrderBy(p => p.GetProperty("name").GetString(), StringComparer.Ordinal)];
    }
}
