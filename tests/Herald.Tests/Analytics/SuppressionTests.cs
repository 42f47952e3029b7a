using System.Net.Http.Json;
using System.Text.Json;
using Herald.Analytics;
using Herald.Fakes;
using Herald.Notifications;
using Herald.Storage;
using Herald.Tests.Fixtures;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Herald.Tests.Analytics;

public sealed class SuppressionTests
{
    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task A_send_to_a_suppressed_address_ends_permanent_failure_without_a_provider_call_until_the_suppression_is_lifted(DatabaseProvider provider)
    {
        await using var fakes = await ProviderFakes.StartAsync(new FakeOptions { MailgunApiKey = "key-123", MailgunSigningKey = "signing" });
        fakes.Mailgun.Behaviour = fakes.Mailgun.Behaviour with { SendReceipts = false };
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var herald = await HeraldApp.StartAsync(database, settings: new Dictionary<string, string?>
        {
            ["Delivery:EmailProvider"] = "mailgun",
            ["Providers:Mailgun:ApiKey"] = "key-123",
            ["Providers:Mailgun:Domain"] = "mg.example",
            ["Providers:Mailgun:BaseUrl"] = fakes.BaseUrl,
        });
        var service = await herald.CreateReadyServiceAsync();
        var first = (await herald.SendEmailAsync(service, "Leaving@Example.com")).GetProperty("id").GetString()!;
        await herald.WaitForStatusAsync(service.Key, first, "sending");
        var store = herald.Services.GetRequiredService<AnalyticsEventStore>();
        await store.StoreAsync([new ProviderEvent("mailgun", "ev-unsub-1", AnalyticsEventTypes.Unsubscribed, DateTime.UnixEpoch.AddDays(20_000), $"{first}@mg.example", null)], CancellationToken.None);

        var second = (await herald.SendEmailAsync(service, "leaving@example.com")).GetProperty("id").GetString()!;
        await herald.WaitForStatusAsync(service.Key, second, "permanent-failure");
        Assert.Single(fakes.Mailgun.Requests);
        await using (var context = herald.Services.GetRequiredService<HeraldDatabase>().CreateContext())
        {
            var reason = await context.NotificationEvents.Where(e => e.NotificationId == Guid.Parse(second)).Select(e => e.Detail).SingleAsync();
            Assert.Contains("suppressed for this service (unsubscribed", reason, StringComparison.Ordinal);
        }

        var listed = await HeraldApp.ExpectAsync(await herald.Admin.GetAsync($"/admin/api/services/{service.Id}/suppressions"), 200);
        var row = Assert.Single(listed.GetProperty("suppressions").EnumerateArray());
        Assert.Equal(("leaving@example.com", "unsubscribed", first), (row.GetProperty("address").GetString(), row.GetProperty("reason").GetString(), row.GetProperty("notification_id").GetString()));

        Assert.Equal(204, (int)(await herald.Admin.DeleteAsync($"/admin/api/services/{service.Id}/suppressions/LEAVING@example.com")).StatusCode);
        Assert.Equal(404, (int)(await herald.Admin.DeleteAsync($"/admin/api/services/{service.Id}/suppressions/leaving@example.com")).StatusCode);
        var third = (await herald.SendEmailAsync(service, "leaving@example.com")).GetProperty("id").GetString()!;
        await herald.WaitForStatusAsync(service.Key, third, "sending");
        Assert.Equal(2, fakes.Mailgun.Requests.Count);
    }
}
