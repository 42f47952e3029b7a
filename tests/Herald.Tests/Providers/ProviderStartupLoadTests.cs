using Herald.Storage;
using Herald.Tests.Fixtures;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Herald.Settings;
using Herald.Providers.Instances;

namespace Herald.Tests.Providers;

public sealed class ProviderStartupLoadTests
{
    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task Instances_declared_in_configuration_are_written_as_the_process_starts(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var logs = new CapturedLogs();
        await using var herald = await HeraldApp.StartAsync(database, role: HeraldRole.Api, logs: logs, settings: new Dictionary<string, string?>
        {
            ["Delivery:SmsProvider"] = "twilio",
            ["Providers:Twilio:AccountSid"] = "AC0123",
            ["Providers:Twilio:AuthToken"] = "twilio-token-0123456789",
            ["Providers:Instances:0:Name"] = "broken",
            ["Providers:Instances:0:Type"] = "vonage",
        });

        var storage = herald.Services.GetRequiredService<HeraldDatabase>();

        // No request reaches the process: it writes them and reports the broken one by itself.
        await Eventually.TrueAsync(async () =>
        {
            await using var context = storage.CreateContext();
            return await context.ProviderInstances.AnyAsync(p => p.Name == "twilio" && p.FromConfiguration && p.Active);
        }, "the configured twilio instance in the database");
        await Eventually.TrueAsync(() => Task.FromResult(logs.Lines.Any(l => l.Contains("Providers:Instances:0", StringComparison.Ordinal))),
            "the broken declaration logged");

        await using var check = storage.CreateContext();
        Assert.False(await check.ProviderInstances.AnyAsync(p => p.Name == "broken"));
    }
}
