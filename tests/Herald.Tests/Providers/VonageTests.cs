using System.Collections.Concurrent;
using Herald.Providers;
using Herald.Providers.Vonage;
using Herald.Storage;
using Herald.Tests.Fixtures;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Herald.Tests.Providers;

public sealed class VonageTests
{
    private const string WebhookToken = "vonage-webhook-token-0123";

    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task An_sms_goes_out_through_vonage_and_receipts_need_the_url_token(DatabaseProvider provider)
    {
        await using var vonage = await FakeVonage.StartAsync(_ => "{\"message-count\":\"1\",\"messages\":[{\"to\":\"447700900123\",\"message-id\":\"0A0000001\",\"status\":\"0\"}]}");
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var herald = await HeraldApp.StartAsync(database, settings: Settings(vonage.Url));
        var service = await herald.CreateReadyServiceAsync(service: new { name = "Clinic", sms_sender = "Clinic" });

        var id = (await herald.SendSmsAsync(service, "07700900123", new { code = "ŵ12" })).GetProperty("id").GetString()!;

        await herald.WaitForStatusAsync(service.Key, id, "sending");
        var form = Assert.Single(vonage.Received);
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
        await using var vonage = await FakeVonage.StartAsync(_ => "{\"message-count\":\"1\",\"messages\":[{\"status\":\"7\",\"error-text\":\"Number barred\"}]}");
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

    /// <summary>Vonage's SMS API, closely enough for the adapter: records each form and answers as told.</summary>
    private sealed class FakeVonage : IAsyncDisposable
    {
        private readonly WebApplication _app;

        private FakeVonage(WebApplication app, string url)
        {
            _app = app;
            Url = url;
        }

        public string Url { get; }

        public ConcurrentQueue<Dictionary<string, string>> Received { get; } = new();

        public static async Task<FakeVonage> StartAsync(Func<Dictionary<string, string>, string> answer)
        {
            var builder = WebApplication.CreateSlimBuilder();
            builder.WebHost.UseUrls("http://127.0.0.1:0");
            var app = builder.Build();
            FakeVonage? fake = null;
            app.MapPost("/sms/json", async (HttpRequest request) =>
            {
                var form = (await request.ReadFormAsync()).ToDictionary(f => f.Key, f => f.Value.ToString());
                fake!.Received.Enqueue(form);
                return Results.Content(answer(form), "application/json");
            });
            await app.StartAsync();
            fake = new FakeVonage(app, app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single());
            return fake;
        }

        public async ValueTask DisposeAsync()
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }
    }
}
