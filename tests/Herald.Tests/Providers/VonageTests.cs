using Herald.Providers;
using Herald.Providers.Vonage;
using Herald.Storage;
using Herald.Tests.Fixtures;

namespace Herald.Tests.Providers;

public sealed class VonageTests
{
    private const string WebhookToken = "vonage-webhook-token-0123";

    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task An_sms_goes_out_through_vonage_and_receipts_need_the_url_token(DatabaseProvider provider)
    {
        await using var vonage = await FakeHttpApi.StartAsync("/sms/json", _ => (200, "{\"message-count\":\"1\",\"messages\":[{\"to\":\"447700900123\",\"message-id\":\"0A0000001\",\"status\":\"0\"}]}"));
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var herald = await HeraldApp.StartAsync(database, settings: Settings(vonage.Url));
        var service = await herald.CreateReadyServiceAsync(service: new { name = "Clinic", sms_sender = "Clinic" });

        var id = (await herald.SendSmsAsync(service, "07700900123", new { code = "ŵ12" })).GetProperty("id").GetString()!;

        await herald.WaitForStatusAsync(service.Key, id, "sending");
        var form = Assert.Single(vonage.Received).Form;
        Assert.Equal(("key", "secret", "447700900123", "Clinic", id), (form["api_key"], form["api_secret"], form["to"], form["from"], form["client-ref"]));
        Assert.Equal("unicode", form["type"]);
        Assert.Equal("Clinic: Your code is ŵ12", form["text"]);

        Assert.Equal(403, (int)(await herald.Http.GetAsync(new Uri("/receipts/vonage?token=wrong&messageId=0A0000001&status=delivered", UriKind.Relative))).StatusCode);
        Assert.Equal(403, (int)(await herald.Http.GetAsync(new Uri("/receipts/vonage?messageId=0A0000001&status=delivered", UriKind.Relative))).StatusCode);
        Assert.Equal("sending", (await HeraldApp.ExpectAsync(await herald.GetAsync(service.Key, $"/v2/notifications/{id}"), 200)).GetProperty("status").GetString());

        Assert.Equal(204, (int)(await herald.Http.GetAsync(new Uri($"/receipts/vonage?token={WebhookToken}&messageId=0A0000001&status=delivered", UriKind.Relative))).StatusCode);
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
        await using var vonage = await FakeHttpApi.StartAsync("/sms/json", _ => (200, "{\"message-count\":\"1\",\"messages\":[{\"status\":\"7\",\"error-text\":\"Number barred\"}]}"));
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var herald = await HeraldApp.StartAsync(database, settings: Settings(vonage.Url));
        var service = await herald.CreateReadyServiceAsync();

        var id = (await herald.SendSmsAsync(service, "07700900123")).GetProperty("id").GetString()!;

        await herald.WaitForStatusAsync(service.Key, id, "permanent-failure");
    }

    private static Dictionary<string, string?> Settings(string url) => new()
    {
        ["Delivery:SmsProvider"] = "vonage",
        ["Providers:Vonage:ApiKey"] = "key",
        ["Providers:Vonage:ApiSecret"] = "secret",
        ["Providers:Vonage:BaseUrl"] = url,
        ["Providers:Vonage:WebhookToken"] = WebhookToken,
    };
}
