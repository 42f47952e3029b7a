using Herald.Fakes;
using Herald.Providers.Instances;
using Herald.Storage;
using Herald.Tests.Fixtures;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Herald.Notifications;
using Herald.Queue;
using Herald.Integrations.Twilio;

namespace Herald.Tests.Providers;

public sealed class TwilioTests
{
    internal const string Sid = "AC00000000000000000000000000000001";
    internal const string Token = "twilio-auth-token-for-tests";

    internal static FakeOptions FakeOptions => new() { TwilioAccountSid = Sid, TwilioAuthToken = Token };

    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task An_sms_goes_out_through_twilio_and_signed_receipts_move_it_forward_only(DatabaseProvider provider)
    {
        await using var fakes = await ProviderFakes.StartAsync(FakeOptions);
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var herald = await HeraldApp.StartAsync(database, settings: Settings(fakes.BaseUrl));
        var service = await herald.CreateReadyServiceAsync(service: new { name = "Clinic", sms_sender = "447700900999" });

        var id = (await herald.SendSmsAsync(service, "07700 900123")).GetProperty("id").GetString()!;

        await herald.WaitForStatusAsync(service.Key, id, "sending");
        var request = Assert.Single(fakes.Twilio.Requests);
        Assert.Equal("Basic " + Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes($"{Sid}:{Token}")), request.Authorization);
        Assert.Equal("+447700900123", request.Form["To"]);
        Assert.Equal("+447700900999", request.Form["From"]);
        Assert.Equal("Clinic: Your code is 1234", request.Form["Body"]);
        Assert.False(request.Form.ContainsKey("StatusCallback"), "no callback without a public URL");
        var sid = Assert.Single(fakes.Twilio.Messages).Id;

        // A forged receipt is refused and changes nothing.
        var forged = await PostSignedAsync(herald, "/receipts/twilio", new() { ["MessageSid"] = sid, ["MessageStatus"] = "delivered" }, "wrong-token");
        Assert.Equal(403, (int)forged.StatusCode);
        Assert.Equal(403, (int)(await herald.Http.PostAsync(new Uri("/receipts/twilio", UriKind.Relative),
            new FormUrlEncodedContent(new Dictionary<string, string> { ["MessageSid"] = sid, ["MessageStatus"] = "delivered" }))).StatusCode);
        Assert.Equal("sending", (await HeraldApp.ExpectAsync(await herald.GetAsync(service.Key, $"/v2/notifications/{id}"), 200)).GetProperty("status").GetString());

        Assert.Equal(204, (int)(await PostSignedAsync(herald, "/receipts/twilio", new() { ["MessageSid"] = sid, ["MessageStatus"] = "undelivered" }, Token)).StatusCode);
        await herald.WaitForStatusAsync(service.Key, id, "permanent-failure");

        // A late delivered, and a duplicate, change nothing.
        await PostSignedAsync(herald, "/receipts/twilio", new() { ["MessageSid"] = sid, ["MessageStatus"] = "delivered" }, Token);
        await PostSignedAsync(herald, "/receipts/twilio", new() { ["MessageSid"] = sid, ["MessageStatus"] = "undelivered" }, Token);
        await Eventually.TrueAsync(async () => await QueueCountAsync(herald, "receipts.process") == 0, "receipts processed");
        Assert.Equal("permanent-failure", (await HeraldApp.ExpectAsync(await herald.GetAsync(service.Key, $"/v2/notifications/{id}"), 200)).GetProperty("status").GetString());
    }

    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task Twilio_errors_are_classified(DatabaseProvider provider)
    {
        await using var fakes = await ProviderFakes.StartAsync(FakeOptions);
        fakes.Twilio.Behaviour = fakes.Twilio.Behaviour with { RejectedRecipients = ["+447700900111"] };
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var herald = await HeraldApp.StartAsync(database, settings: Settings(fakes.BaseUrl));
        var service = await herald.CreateReadyServiceAsync();

        var invalid = (await herald.SendSmsAsync(service, "07700900111")).GetProperty("id").GetString()!;
        await herald.WaitForStatusAsync(service.Key, invalid, "permanent-failure");
        Assert.Equal(400, Assert.Single(fakes.Twilio.Requests).StatusCode);

        fakes.Twilio.Behaviour = fakes.Twilio.Behaviour with { ServerErrorRate = 1 };
        var busy = (await herald.SendSmsAsync(service, "07700900222")).GetProperty("id").GetString()!;

        await Eventually.TrueAsync(() => Task.FromResult(fakes.Twilio.Requests.Count(r => r.Form["To"] == "+447700900222" && r.StatusCode == 503) == 2),
            "503 tried, then retried at once");
        Assert.Equal("created", (await HeraldApp.ExpectAsync(await herald.GetAsync(service.Key, $"/v2/notifications/{busy}"), 200)).GetProperty("status").GetString());

        // The two 503s count towards the provider's error rate (switching); the refused recipient does not.
        var counter = herald.Services.GetRequiredService<ProviderErrorCounter>();
        await Eventually.TrueAsync(async () =>
        {
            await counter.FlushAsync(CancellationToken.None);
            await using var context = herald.Services.GetRequiredService<HeraldDatabase>().CreateContext();
            return await context.ProviderErrorCounts.SumAsync(c => c.Count) == 2;
        }, "two provider errors counted");
    }

    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task Calls_in_flight_at_a_provider_stay_within_its_max_concurrency(DatabaseProvider provider)
    {
        await using var fakes = await ProviderFakes.StartAsync(FakeOptions);
        fakes.Twilio.Behaviour = fakes.Twilio.Behaviour with { LatencyMin = TimeSpan.FromMilliseconds(150), LatencyMax = TimeSpan.FromMilliseconds(150), SendReceipts = false };
        await using var database = await TestDatabase.CreateAsync(provider);
        var settings = Settings(fakes.BaseUrl);
        settings["Providers:Twilio:MaxConcurrency"] = "2";
        await using var herald = await HeraldApp.StartAsync(database, settings: settings);
        var service = await herald.CreateReadyServiceAsync();

        var ids = new List<string>();
        for (var i = 0; i < 8; i++)
        {
            ids.Add((await herald.SendSmsAsync(service, "07700900123")).GetProperty("id").GetString()!);
        }

        foreach (var id in ids)
        {
            await herald.WaitForStatusAsync(service.Key, id, "sending");
        }

        Assert.Equal(8, fakes.Twilio.Messages.Count);
        Assert.InRange(fakes.Twilio.PeakConcurrentCalls, 1, 2);
    }

    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task Wrong_twilio_credentials_end_technical_failure(DatabaseProvider provider)
    {
        await using var fakes = await ProviderFakes.StartAsync(FakeOptions);
        await using var database = await TestDatabase.CreateAsync(provider);
        var settings = Settings(fakes.BaseUrl);
        settings["Providers:Twilio:AuthToken"] = "not-the-token";
        var logs = new CapturedLogs();
        await using var herald = await HeraldApp.StartAsync(database, settings: settings, logs: logs);
        var service = await herald.CreateReadyServiceAsync();

        var id = (await herald.SendSmsAsync(service, "07700900123")).GetProperty("id").GetString()!;

        await herald.WaitForStatusAsync(service.Key, id, "technical-failure");
        Assert.Equal(401, Assert.Single(fakes.Twilio.Requests).StatusCode);
        Assert.Empty(fakes.Twilio.Messages);

        // Nothing goes through this provider until its settings are mended: an alert.
        Assert.Contains(logs.Entries, e => e.Level == LogLevel.Error && e.Line.Contains(id, StringComparison.Ordinal) && e.Line.Contains("configuration", StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task A_signed_inbound_sms_becomes_a_received_text(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var herald = await HeraldApp.StartAsync(database, settings: Settings("http://127.0.0.1:9"));
        var service = await herald.CreateReadyServiceAsync(service: new { name = "Clinic", sms_sender = "447700900999" });

        var response = await PostSignedAsync(herald, "/inbound/twilio",
            new() { ["MessageSid"] = "SM9", ["From"] = "+447700900123", ["To"] = "+447700900999", ["Body"] = "STOP" }, Token);

        Assert.Equal(204, (int)response.StatusCode);
        var texts = await HeraldApp.ExpectAsync(await herald.GetAsync(service.Key, "/v2/received-text-messages"), 200);
        var text = Assert.Single(texts.GetProperty("received_text_messages").EnumerateArray());
        Assert.Equal("STOP", text.GetProperty("content").GetString());
        Assert.Equal("447700900123", text.GetProperty("user_number").GetString());
    }

    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task An_unsigned_or_unmatched_inbound_sms_is_not_kept(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var herald = await HeraldApp.StartAsync(database, settings: Settings("http://127.0.0.1:9"));
        var service = await herald.CreateReadyServiceAsync(service: new { name = "Clinic", sms_sender = "447700900999" });
        var form = new Dictionary<string, string> { ["MessageSid"] = "SM9", ["From"] = "+447700900123", ["To"] = "+447700900999", ["Body"] = "STOP" };

        var unsigned = await herald.Http.PostAsync(new Uri("/inbound/twilio", UriKind.Relative), new FormUrlEncodedContent(form));
        var wrongKey = await PostSignedAsync(herald, "/inbound/twilio", form, "not-the-auth-token");

        // Signed, but to a number no service sends from: accepted (Twilio must not retry it) and dropped.
        var elsewhere = await PostSignedAsync(herald, "/inbound/twilio", new() { ["MessageSid"] = "SM10", ["From"] = "+447700900123", ["To"] = "+447700900555", ["Body"] = "HELLO" }, Token);

        // A body that cannot be read as a form (over Kestrel's field limit) cannot be verified either: 403, not a server error.
        var unreadable = await herald.Http.PostAsync(new Uri("/receipts/twilio", UriKind.Relative),
            new FormUrlEncodedContent(Enumerable.Range(0, 2000).Select(i => KeyValuePair.Create($"f{i}", "x"))));

        Assert.Equal((403, 403, 204, 403), ((int)unsigned.StatusCode, (int)wrongKey.StatusCode, (int)elsewhere.StatusCode, (int)unreadable.StatusCode));
        var texts = await HeraldApp.ExpectAsync(await herald.GetAsync(service.Key, "/v2/received-text-messages"), 200);
        Assert.Empty(texts.GetProperty("received_text_messages").EnumerateArray());
        await using var context = herald.Services.GetRequiredService<HeraldDatabase>().CreateContext();
        Assert.Equal(0, context.ReceivedTexts.Count());
    }

    [Fact]
    public void The_signature_matches_twilios_documented_example()
    {
        // The example from Twilio's webhook security documentation.
        var form = new Dictionary<string, string>
        {
            ["CallSid"] = "CA1234567890ABCDE", ["Caller"] = "+12349013030", ["Digits"] = "1234", ["From"] = "+12349013030", ["To"] = "+18005551212",
        };

        Assert.Equal("0/KCTR6DLpKmkAf8muzZqo1nDgQ=", TwilioSignature.Compute("12345", "https://mycompany.com/myapp.php?foo=1&bar=2", form));
    }

    internal static Dictionary<string, string?> Settings(string twilioUrl) => new()
    {
        ["Delivery:SmsProvider"] = "twilio",
        ["Providers:Twilio:AccountSid"] = Sid,
        ["Providers:Twilio:AuthToken"] = Token,
        ["Providers:Twilio:BaseUrl"] = twilioUrl,
        ["Queue:Backoff:delivery.sms"] = "0s,1h",
    };

    private static Task<HttpResponseMessage> PostSignedAsync(HeraldApp herald, string path, Dictionary<string, string> form, string token)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new FormUrlEncodedContent(form) };
        request.Headers.Add("X-Twilio-Signature", TwilioSignature.Compute(token, herald.BaseUrl + path, form));
        return herald.Http.SendAsync(request);
    }

    internal static async Task<int> QueueCountAsync(HeraldApp herald, string kind, string? reference = null)
    {
        await using var context = herald.Services.GetRequiredService<HeraldDatabase>().CreateContext();
        return context.QueueItems.Count(i => i.Kind == kind && (reference == null || i.Reference == reference));
    }
}
