using System.Net.Http.Json;
using Herald.Storage;
using Herald.Tests.Fixtures;

namespace Herald.Tests.Api;

public sealed class KeyTypeTests
{
    private const string TrialMessage = "Can’t send to this recipient when service is in trial mode – see https://www.notifications.service.gov.uk/trial-mode";

    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task A_team_key_sends_only_to_team_members_and_the_guest_list(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var herald = await HeraldApp.StartAsync(database);
        var service = await herald.CreateReadyServiceAsync("team");
        await HeraldApp.ExpectAsync(await herald.Admin.PostAsJsonAsync($"/admin/api/services/{service.Id}/members", new { email_address = "Member@Example.com" }), 201);
        await HeraldApp.ExpectAsync(await herald.Admin.PostAsJsonAsync($"/admin/api/services/{service.Id}/guest-list", new { phone_number = "+44 7700 900456" }), 201);

        await herald.SendEmailAsync(service, "member@example.com");
        await herald.SendSmsAsync(service, "07700900456");
        var refused = await herald.PostAsync(service.Key, "/v2/notifications/email", new
        {
            email_address = "stranger@example.com", template_id = service.EmailTemplateId, personalisation = new { name = "a", code = "b" },
        });

        await HeraldApp.ExpectErrorAsync(refused, 400, "BadRequestError", "Can’t send to this recipient using a team-only API key");
    }

    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task A_trial_service_sends_only_to_its_team_even_with_a_live_key(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var herald = await HeraldApp.StartAsync(database);
        var service = await herald.CreateReadyServiceAsync("normal", new { name = "Trial", restricted = true });
        await HeraldApp.ExpectAsync(await herald.Admin.PostAsJsonAsync($"/admin/api/services/{service.Id}/members", new { email_address = "me@example.com" }), 201);

        await herald.SendEmailAsync(service, "me@example.com");
        var refused = await herald.PostAsync(service.Key, "/v2/notifications/email", new
        {
            email_address = "you@example.com", template_id = service.EmailTemplateId, personalisation = new { name = "a", code = "b" },
        });

        await HeraldApp.ExpectErrorAsync(refused, 400, "BadRequestError", TrialMessage);
    }

    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task Notifications_are_listed_only_for_the_key_type_that_sent_them(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var herald = await HeraldApp.StartAsync(database);
        var service = await herald.CreateReadyServiceAsync("normal");
        var testKey = await herald.CreateKeyAsync(service.Id, "test", "test-key");

        await herald.SendEmailAsync(service, "live@example.com");
        await herald.SendEmailAsync(service with { Key = testKey }, "test@example.com");

        var live = await HeraldApp.ExpectAsync(await herald.GetAsync(service.Key, "/v2/notifications"), 200);
        var test = await HeraldApp.ExpectAsync(await herald.GetAsync(testKey, "/v2/notifications"), 200);
        Assert.Equal("live@example.com", Assert.Single(live.GetProperty("notifications").EnumerateArray()).GetProperty("email_address").GetString());
        Assert.Equal("test@example.com", Assert.Single(test.GetProperty("notifications").EnumerateArray()).GetProperty("email_address").GetString());
    }
}
