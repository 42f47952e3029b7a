using System.Text.Json;
using Herald.Storage;
using Herald.Tests.Fixtures;
using Microsoft.Extensions.Time.Testing;

namespace Herald.Tests.Api;

public sealed class SendTests
{
    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task An_address_padded_with_whitespace_is_accepted_and_kept_without_it(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var herald = await HeraldApp.StartAsync(database);
        var service = await herald.CreateReadyServiceAsync();

        var id = (await herald.SendEmailAsync(service, "Ada@Example.com" + new string(' ', 800))).GetProperty("id").GetString()!;

        var read = await HeraldApp.ExpectAsync(await herald.GetAsync(service.Key, $"/v2/notifications/{id}"), 200);
        Assert.Equal("Ada@Example.com", read.GetProperty("email_address").GetString());
    }

    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task A_notification_delivered_at_once_is_not_completed_before_it_was_sent(DatabaseProvider provider)
    {
        // Every reading of the clock moves it on: the capture provider's delivery time is earlier
        // than the moment the send is recorded, as on a real clock.
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 12, 3, 9, 0, 0, TimeSpan.Zero)) { AutoAdvanceAmount = TimeSpan.FromMilliseconds(1) };
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var herald = await HeraldApp.StartAsync(database, clock);
        var service = await herald.CreateReadyServiceAsync();

        var id = (await herald.SendEmailAsync(service, "ada@example.com", new { name = "Ada", code = "1" })).GetProperty("id").GetString()!;

        await herald.WaitForStatusAsync(service.Key, id, "delivered");
        var read = await HeraldApp.ExpectAsync(await herald.GetAsync(service.Key, $"/v2/notifications/{id}"), 200);
        var sentAt = DateTimeOffset.Parse(read.GetProperty("sent_at").GetString()!, System.Globalization.CultureInfo.InvariantCulture);
        var completedAt = DateTimeOffset.Parse(read.GetProperty("completed_at").GetString()!, System.Globalization.CultureInfo.InvariantCulture);
        Assert.True(sentAt <= completedAt, $"sent_at {sentAt:o} is after completed_at {completedAt:o}");
    }

    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task An_email_is_accepted_delivered_to_the_inbox_and_reads_back_delivered(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var herald = await HeraldApp.StartAsync(database);
        var service = await herald.CreateReadyServiceAsync();

        var created = await herald.SendEmailAsync(service, "Ada@Example.com", new { name = "Ada", code = "<b>42</b>" }, reference: "ref-1");

        var id = created.GetProperty("id").GetString()!;
        Assert.Equal("ref-1", created.GetProperty("reference").GetString());
        Assert.Equal($"{herald.BaseUrl}/v2/notifications/{id}", created.GetProperty("uri").GetString());
        Assert.Equal(service.EmailTemplateId, created.GetProperty("template").GetProperty("id").GetGuid());
        Assert.Equal(1, created.GetProperty("template").GetProperty("version").GetInt32());
        Assert.Equal(JsonValueKind.Null, created.GetProperty("scheduled_for").ValueKind);
        var content = created.GetProperty("content");
        Assert.Equal("Code for Ada", content.GetProperty("subject").GetString());
        Assert.Contains("Your code is <b>42</b>.", content.GetProperty("body").GetString(), StringComparison.Ordinal);
        Assert.EndsWith("@herald.localhost", content.GetProperty("from_email").GetString(), StringComparison.Ordinal);

        await herald.WaitForStatusAsync(service.Key, id, "delivered");
        var read = await HeraldApp.ExpectAsync(await herald.GetAsync(service.Key, $"/v2/notifications/{id}"), 200);
        Assert.Equal("email", read.GetProperty("type").GetString());
        Assert.Equal("Ada@Example.com", read.GetProperty("email_address").GetString());
        Assert.Equal(JsonValueKind.Null, read.GetProperty("phone_number").ValueKind);
        Assert.NotEqual(JsonValueKind.Null, read.GetProperty("sent_at").ValueKind);
        Assert.NotEqual(JsonValueKind.Null, read.GetProperty("completed_at").ValueKind);

        var inbox = await HeraldApp.ExpectAsync(await herald.Admin.GetAsync(new Uri("/admin/api/inbox?to=ada@example.com", UriKind.Relative)), 200);
        var message = Assert.Single(inbox.GetProperty("messages").EnumerateArray());
        Assert.Equal(id, message.GetProperty("notification_id").GetString());
        Assert.Equal("Code for Ada", message.GetProperty("subject").GetString());
        // Personalisation is escaped in HTML, never markup.
        Assert.Contains("&lt;b&gt;42&lt;/b&gt;", message.GetProperty("html").GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task An_sms_is_prefixed_with_the_service_name_normalised_and_delivered(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var herald = await HeraldApp.StartAsync(database);
        var service = await herald.CreateReadyServiceAsync(service: new { name = "Clinic", sms_sender = "CLINIC" });

        var created = await herald.SendSmsAsync(service, "07700 900123");

        Assert.Equal("Clinic: Your code is 1234", created.GetProperty("content").GetProperty("body").GetString());
        Assert.Equal("CLINIC", created.GetProperty("content").GetProperty("from_number").GetString());
        var id = created.GetProperty("id").GetString()!;
        await herald.WaitForStatusAsync(service.Key, id, "delivered");
        var inbox = await HeraldApp.ExpectAsync(await herald.Admin.GetAsync(new Uri("/admin/api/inbox?to=447700900123", UriKind.Relative)), 200);
        var message = Assert.Single(inbox.GetProperty("messages").EnumerateArray());
        Assert.Equal("sms", message.GetProperty("channel").GetString());
        Assert.Equal("447700900123", message.GetProperty("to").GetString());
    }

    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task A_test_key_is_simulated_and_magic_recipients_fail(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var herald = await HeraldApp.StartAsync(database);
        var service = await herald.CreateReadyServiceAsync("test");

        var ok = await herald.SendSmsAsync(service, "07700900123");
        var temporary = await herald.SendSmsAsync(service, "07700900003");
        var permanent = await herald.SendEmailAsync(service, "perm-fail@simulator.notify");

        await herald.WaitForStatusAsync(service.Key, ok.GetProperty("id").GetString()!, "delivered");
        await herald.WaitForStatusAsync(service.Key, temporary.GetProperty("id").GetString()!, "temporary-failure");
        await herald.WaitForStatusAsync(service.Key, permanent.GetProperty("id").GetString()!, "permanent-failure");
        var inbox = await HeraldApp.ExpectAsync(await herald.Admin.GetAsync(new Uri("/admin/api/inbox", UriKind.Relative)), 200);
        Assert.Empty(inbox.GetProperty("messages").EnumerateArray());
    }
}
