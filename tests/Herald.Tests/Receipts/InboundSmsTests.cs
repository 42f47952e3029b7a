using Herald.Storage;
using Herald.Tests.Fixtures;

namespace Herald.Tests.Receipts;

public sealed class InboundSmsTests
{
    private const string Token = "inbound-webhook-token-0123";

    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task An_inbound_text_whose_number_or_reference_cannot_fit_is_dropped_not_a_server_error(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var herald = await HeraldApp.StartAsync(database, role: Herald.Settings.HeraldRole.Api, settings: new Dictionary<string, string?>
        {
            ["Providers:Instances:0:Name"] = "vonage",
            ["Providers:Instances:0:Type"] = "vonage",
            ["Providers:Instances:0:Settings:ApiKey"] = "key",
            ["Providers:Instances:0:Settings:ApiSecret"] = "secret",
            ["Providers:Instances:0:Settings:WebhookToken"] = Token,
        });
        var service = await herald.CreateReadyServiceAsync(service: new { name = "Inbound", sms_sender = "447700900999" });
        Task<HttpResponseMessage> Inbound(string msisdn, string messageId) =>
            herald.Http.GetAsync(new Uri($"/inbound/vonage?token={Token}&to=447700900999&msisdn={msisdn}&text=hi&messageId={messageId}", UriKind.Relative));

        Assert.Equal(204, (int)(await Inbound(new string('4', 40), "m-1")).StatusCode);
        Assert.Equal(204, (int)(await Inbound("447700900123", new string('m', 300))).StatusCode);
        Assert.Equal(204, (int)(await Inbound("447700900123", "m-2")).StatusCode);

        var texts = await HeraldApp.ExpectAsync(await herald.GetAsync(service.Key, "/v2/received-text-messages"), 200);
        Assert.Equal("447700900123", Assert.Single(texts.GetProperty("received_text_messages").EnumerateArray()).GetProperty("user_number").GetString());
    }
}
