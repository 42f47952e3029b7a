using Herald.Fakes;
using Herald.Providers;
using Herald.Storage;
using Herald.Tests.Fixtures;
using Herald.Queue;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Herald.Integrations.Vonage;

namespace Herald.Tests.Providers;

public sealed class VonageTests
{
    private const string WebhookToken = "vonage-webhook-token-0123";

    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task An_sms_goes_out_through_vonage_and_receipts_need_the_url_token(DatabaseProvider provider)
    {
        await using var fakes = await ProviderFakes.StartAsync(FakeOptions);
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var herald = await HeraldApp.StartAsync(database, settings: Settings(fakes.BaseUrl));
        var service = await herald.CreateReadyServiceAsync(service: new { name = "Clinic", sms_sender = "Clinic" });

        var id = (await herald.SendSmsAsync(service, "07700900123", new { code = "ŵ12" })).GetProperty("id").GetString()!;

        await herald.WaitForStatusAsync(service.Key, id, "sending");
        var form = Assert.Single(fakes.Vonage.Requests).Form;
        Assert.Equal(("key", "secret", "447700900123", "Clinic", id), (form["api_key"], form["api_secret"], form["to"], form["from"], form["client-ref"]));
        Assert.Equal("unicode", form["type"]);
        Assert.Equal("Clinic: Your code is ŵ12", form["text"]);
        var messageId = Assert.Single(fakes.Vonage.Messages).Id;

        Assert.Equal(403, (int)(await herald.Http.GetAsync(new Uri($"/receipts/vonage?token=wrong&messageId={messageId}&status=delivered", UriKind.Relative))).StatusCode);
        Assert.Equal(403, (int)(await herald.Http.GetAsync(new Uri($"/receipts/vonage?messageId={messageId}&status=delivered", UriKind.Relative))).StatusCode);
        Assert.Equal("sending", (await HeraldApp.ExpectAsync(await herald.GetAsync(service.Key, $"/v2/notifications/{id}"), 200)).GetProperty("status").GetString());

        Assert.Equal(204, (int)(await herald.Http.GetAsync(new Uri($"/receipts/vonage?token={WebhookToken}&messageId={messageId}&status=delivered", UriKind.Relative))).StatusCode);
        await herald.WaitForStatusAsync(service.Key, id, "delivered");

        Assert.Equal(204, (int)(await herald.Http.PostAsync(new Uri($"/inbound/vonage?token={WebhookToken}", UriKind.Relative), new FormUrlEncodedContent(
            new Dictionary<string, string> { ["msisdn"] = "447700900123", ["to"] = "Clinic", ["text"] = "Thanks", ["messageId"] = "X1" }))).StatusCode);
        var texts = await HeraldApp.ExpectAsync(await herald.GetAsync(service.Key, "/v2/received-text-messages"), 200);
        Assert.Equal("Thanks", Assert.Single(texts.GetProperty("received_text_messages").EnumerateArray()).GetProperty("content").GetString());
    }

    [Theory]
    [InlineData("1", ProviderFailureKind.Retryable)]
    [InlineData("5", ProviderFailureKind.Retryable)]
    [InlineData("6", ProviderFailureKind.PermanentForRecipient)]
    [InlineData("7", ProviderFailureKind.PermanentForRecipient)]
    [InlineData("4", ProviderFailureKind.Technical)]
    [InlineData("15", ProviderFailureKind.Technical)]
    public void Vonage_status_codes_are_classified(string status, ProviderFailureKind kind) =>
        Assert.Equal(kind, VonageSmsProvider.Classify(status));

    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task A_barred_number_ends_permanent_failure(DatabaseProvider provider)
    {
        await using var fakes = await ProviderFakes.StartAsync(FakeOptions);
        fakes.Vonage.Behaviour = fakes.Vonage.Behaviour with { RejectedRecipients = ["447700900123"], RejectionCode = "7" };
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var herald = await HeraldApp.StartAsync(database, settings: Settings(fakes.BaseUrl));
        var service = await herald.CreateReadyServiceAsync();

        var id = (await herald.SendSmsAsync(service, "07700900123")).GetProperty("id").GetString()!;

        await herald.WaitForStatusAsync(service.Key, id, "permanent-failure");
        Assert.Contains("\"status\":\"7\"", await (await new HttpClient().PostAsync(new Uri($"{fakes.BaseUrl}/sms/json"), new FormUrlEncodedContent(
            new Dictionary<string, string> { ["api_key"] = "key", ["api_secret"] = "secret", ["from"] = "Clinic", ["to"] = "447700900123", ["text"] = "x" }))).Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task A_throttled_sms_is_tried_again_and_stays_created(DatabaseProvider provider)
    {
        await using var fakes = await ProviderFakes.StartAsync(FakeOptions);
        fakes.Vonage.Behaviour = fakes.Vonage.Behaviour with { TooManyRequestsRate = 1 };
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var herald = await HeraldApp.StartAsync(database, settings: Settings(fakes.BaseUrl));
        var service = await herald.CreateReadyServiceAsync();

        var id = (await herald.SendSmsAsync(service, "07700900123")).GetProperty("id").GetString()!;

        // Vonage throttles in band: HTTP 200 with status "1", which is retried like a 429.
        await Eventually.TrueAsync(() => Task.FromResult(fakes.Vonage.Requests.Count(r => r.Form["to"] == "447700900123" && r.StatusCode == 200) >= 2),
            "throttled, then tried again at once");
        Assert.Empty(fakes.Vonage.Messages);
        Assert.Equal("created", (await HeraldApp.ExpectAsync(await herald.GetAsync(service.Key, $"/v2/notifications/{id}"), 200)).GetProperty("status").GetString());
    }

    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task Delivery_receipts_from_vonage_end_delivered_or_permanent_failure(DatabaseProvider provider)
    {
        await using var fakes = await ProviderFakes.StartAsync(FakeOptions);
        fakes.Vonage.Behaviour = fakes.Vonage.Behaviour with { FinalStatuses = new Dictionary<string, string> { ["447700900111"] = "failed" } };
        await using var database = await TestDatabase.CreateAsync(provider);
        var url = LoopbackUrl.Free();
        var settings = Settings(fakes.BaseUrl);
        settings["Urls"] = url;
        settings["Providers:Vonage:PublicUrl"] = url;
        settings["Queue:Backoff:receipts.process"] = "1s,5*5m";
        await using var herald = await HeraldApp.StartAsync(database, settings: settings);
        var service = await herald.CreateReadyServiceAsync();

        var failed = (await herald.SendSmsAsync(service, "07700900111")).GetProperty("id").GetString()!;
        var delivered = (await herald.SendSmsAsync(service, "07700900222")).GetProperty("id").GetString()!;

        await herald.WaitForStatusAsync(service.Key, failed, "permanent-failure");
        await herald.WaitForStatusAsync(service.Key, delivered, "delivered");
        Assert.All(fakes.Vonage.Requests, r => Assert.Equal($"{url}/receipts/vonage?token={WebhookToken}", r.Form["callback"]));
        await Eventually.TrueAsync(() => Task.FromResult(fakes.Vonage.PendingReceipts == 0), "receipts sent");
        Assert.All(fakes.Vonage.Receipts, r => Assert.Equal(204, r.StatusCode));
        Assert.Equal(["accepted", "failed"], fakes.Vonage.Receipts.Where(r => r.Reference == fakes.Vonage.Messages.Single(m => m.To == "447700900111").Id).Select(r => r.Status));
    }

    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task Receipts_to_an_account_url_with_basic_credentials_are_accepted_only_with_the_token(DatabaseProvider provider)
    {
        await using var fakes = await ProviderFakes.StartAsync(FakeOptions);
        await using var database = await TestDatabase.CreateAsync(provider);
        var settings = Settings(fakes.BaseUrl);
        settings["Queue:Backoff:receipts.process"] = "1s,5*5m";
        await using var herald = await HeraldApp.StartAsync(database, settings: settings);
        var service = await herald.CreateReadyServiceAsync();
        var address = new Uri(herald.BaseUrl);

        // No public URL: messages name no callback, and receipts go to the account's URL.
        fakes.Vonage.Behaviour = fakes.Vonage.Behaviour with { ReceiptUrl = $"http://vonage:wrong-token-0123456789@{address.Authority}/receipts/vonage" };
        var refused = (await herald.SendSmsAsync(service, "07700900111")).GetProperty("id").GetString()!;
        await herald.WaitForStatusAsync(service.Key, refused, "sending");
        await Eventually.TrueAsync(() => Task.FromResult(fakes.Vonage.PendingReceipts == 0 && fakes.Vonage.Receipts.Count > 0), "receipts refused");
        Assert.All(fakes.Vonage.Receipts, r => Assert.Equal(403, r.StatusCode));

        fakes.Vonage.Behaviour = fakes.Vonage.Behaviour with { ReceiptUrl = $"http://vonage:{WebhookToken}@{address.Authority}/receipts/vonage" };
        var delivered = (await herald.SendSmsAsync(service, "07700900222")).GetProperty("id").GetString()!;

        await herald.WaitForStatusAsync(service.Key, delivered, "delivered");
        Assert.Null(Assert.Single(fakes.Vonage.Requests, r => r.Form["to"] == "447700900222").Form.GetValueOrDefault("callback"));
        Assert.Equal("sending", (await HeraldApp.ExpectAsync(await herald.GetAsync(service.Key, $"/v2/notifications/{refused}"), 200)).GetProperty("status").GetString());
    }

    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task Receipts_sent_as_json_are_applied_and_unreadable_bodies_refused(DatabaseProvider provider)
    {
        await using var fakes = await ProviderFakes.StartAsync(FakeOptions);
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var herald = await HeraldApp.StartAsync(database, settings: Settings(fakes.BaseUrl));
        var service = await herald.CreateReadyServiceAsync();
        var id = (await herald.SendSmsAsync(service, "07700900123")).GetProperty("id").GetString()!;
        await herald.WaitForStatusAsync(service.Key, id, "sending");
        var messageId = Assert.Single(fakes.Vonage.Messages).Id;
        var receipts = new Uri($"/receipts/vonage?token={WebhookToken}", UriKind.Relative);

        // A form over Kestrel's field limit, JSON that is not an object, and broken JSON: 400, nothing changes.
        var tooMany = new FormUrlEncodedContent(Enumerable.Range(0, 2000).Select(i => KeyValuePair.Create($"f{i}", "x")));
        Assert.Equal(400, (int)(await herald.Http.PostAsync(receipts, tooMany)).StatusCode);
        Assert.Equal(400, (int)(await herald.Http.PostAsync(receipts, new StringContent("[1]", System.Text.Encoding.UTF8, "application/json"))).StatusCode);
        Assert.Equal(400, (int)(await herald.Http.PostAsync(receipts, new StringContent("{\"messageId\":", System.Text.Encoding.UTF8, "application/json"))).StatusCode);
        Assert.Equal("sending", (await HeraldApp.ExpectAsync(await herald.GetAsync(service.Key, $"/v2/notifications/{id}"), 200)).GetProperty("status").GetString());

        // The account's webhook method set to POST-JSON: the same fields in a JSON object.
        var json = System.Text.Json.JsonSerializer.Serialize(new Dictionary<string, object> { ["messageId"] = messageId, ["status"] = "delivered", ["err-code"] = 0, ["client-ref"] = id });
        Assert.Equal(204, (int)(await herald.Http.PostAsync(receipts, new StringContent(json, System.Text.Encoding.UTF8, "application/json"))).StatusCode);
        await herald.WaitForStatusAsync(service.Key, id, "delivered");
    }

    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task Receipts_whose_text_cannot_be_stored_or_match_nothing_are_refused(DatabaseProvider provider)
    {
        await using var fakes = await ProviderFakes.StartAsync(FakeOptions);
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var herald = await HeraldApp.StartAsync(database, settings: Settings(fakes.BaseUrl));
        var receipts = new Uri($"/receipts/vonage?token={WebhookToken}", UriKind.Relative);

        // Invalid UTF-8 in a JSON string (0xC3 not followed by a continuation byte), a NUL in a
        // form field, and a message id longer than any notification's reference.
        using var invalid = new ByteArrayContent([.. "{\"messageId\":\"a"u8.ToArray(), 0xC3, 0x28, .. "\",\"status\":\"delivered\"}"u8.ToArray()]);
        invalid.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
        Assert.Equal(400, (int)(await herald.Http.PostAsync(receipts, invalid)).StatusCode);
        Assert.Equal(400, (int)(await herald.Http.PostAsync(receipts, new FormUrlEncodedContent([KeyValuePair.Create("messageId", "a\0b"), KeyValuePair.Create("status", "delivered")]))).StatusCode);
        Assert.Equal(400, (int)(await herald.Http.PostAsync(receipts, new FormUrlEncodedContent([KeyValuePair.Create("messageId", new string('m', 1000)), KeyValuePair.Create("status", "delivered")]))).StatusCode);

        await using var context = herald.Services.GetRequiredService<Herald.Storage.HeraldDatabase>().CreateContext();
        Assert.Equal(0, await context.QueueItems.CountAsync(i => i.Kind == Herald.Receipts.ReceiptProcessor.KindName));
    }

    internal static FakeOptions FakeOptions => new() { VonageApiKey = "key", VonageApiSecret = "secret" };

    internal static Dictionary<string, string?> Settings(string url) => new()
    {
        ["Delivery:SmsProvider"] = "vonage",
        ["Providers:Vonage:ApiKey"] = "key",
        ["Providers:Vonage:ApiSecret"] = "secret",
        ["Providers:Vonage:BaseUrl"] = url,
        ["Providers:Vonage:WebhookToken"] = WebhookToken,
    };
}
