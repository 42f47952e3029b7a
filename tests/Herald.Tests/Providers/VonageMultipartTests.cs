using Herald.Fakes;
using Herald.Storage;
using Herald.Receipts;
using Herald.Tests.Fixtures;

namespace Herald.Tests.Providers;

/// <summary>
/// Vonage sends a long text as several messages, each with its own message-id and delivery
/// receipts. Every part's id is kept, and the notification's status follows from its parts': it was
/// delivered on the first part's receipt while every later part's receipt was an unknown reference.
/// </summary>
public sealed class VonageMultipartTests
{
    private const string WebhookToken = "vonage-webhook-token-0123";

    // 400 characters of code, with the service-name prefix: three parts of 153 GSM characters.
    private static readonly object LongText = new { code = new string('7', 400) };

    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task A_long_sms_is_delivered_only_once_every_part_is(DatabaseProvider provider)
    {
        await using var fakes = await ProviderFakes.StartAsync(VonageTests.FakeOptions);
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var herald = await HeraldApp.StartAsync(database, settings: VonageTests.Settings(fakes.BaseUrl));
        var service = await herald.CreateReadyServiceAsync();

        // No public URL and no account URL: the fake sends no receipts; this test posts them.
        var id = (await herald.SendSmsAsync(service, "07700900123", LongText)).GetProperty("id").GetString()!;
        await herald.WaitForStatusAsync(service.Key, id, "sending");
        var parts = fakes.Vonage.Messages.OrderBy(m => m.Part).Select(m => m.Id).ToList();
        Assert.Equal(3, parts.Distinct().Count());

        await ReceiptAsync(herald, parts[0], "delivered");
        await ReceiptAsync(herald, parts[2], "delivered");
        await ReceiptAsync(herald, parts[1], "accepted");
        await ReceiptAsync(herald, parts[0], "accepted");
        await ProcessedAsync(herald);
        Assert.Equal("sending", await StatusAsync(herald, service, id));

        await ReceiptAsync(herald, parts[1], "delivered");
        await herald.WaitForStatusAsync(service.Key, id, "delivered");
    }

    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task Receipts_of_every_part_are_matched_and_a_failed_part_fails_the_sms(DatabaseProvider provider)
    {
        await using var fakes = await ProviderFakes.StartAsync(VonageTests.FakeOptions);
        await using var database = await TestDatabase.CreateAsync(provider);
        var url = LoopbackUrl.Free();
        var settings = VonageTests.Settings(fakes.BaseUrl);
        settings["Urls"] = url;
        settings["Providers:Vonage:PublicUrl"] = url;
        settings["Queue:Backoff:receipts.process"] = "1s,5*5m";
        await using var herald = await HeraldApp.StartAsync(database, settings: settings);
        var service = await herald.CreateReadyServiceAsync();

        var delivered = (await herald.SendSmsAsync(service, "07700900111", LongText)).GetProperty("id").GetString()!;
        await herald.WaitForStatusAsync(service.Key, delivered, "delivered");

        fakes.Vonage.Behaviour = fakes.Vonage.Behaviour with { PartFinalStatuses = new Dictionary<int, string> { [2] = "failed" } };
        var failed = (await herald.SendSmsAsync(service, "07700900222", LongText)).GetProperty("id").GetString()!;
        await herald.WaitForStatusAsync(service.Key, failed, "permanent-failure");

        fakes.Vonage.Behaviour = fakes.Vonage.Behaviour with { PartFinalStatuses = new Dictionary<int, string> { [3] = "expired" } };
        var expired = (await herald.SendSmsAsync(service, "07700900333", LongText)).GetProperty("id").GetString()!;
        await herald.WaitForStatusAsync(service.Key, expired, "temporary-failure");

        // Nine parts, each with its receipts, and none of them left waiting as an unknown reference.
        Assert.Equal(9, fakes.Vonage.Messages.Count);
        Assert.All(fakes.Vonage.Messages, m => Assert.Equal(3, m.Parts));
        await Eventually.TrueAsync(() => Task.FromResult(fakes.Vonage.PendingReceipts == 0), "receipts sent");
        Assert.All(fakes.Vonage.Receipts, r => Assert.Equal(204, r.StatusCode));
        await ProcessedAsync(herald);
        Assert.Equal("delivered", await StatusAsync(herald, service, delivered));
    }

    private static async Task ReceiptAsync(HeraldApp herald, string messageId, string status) =>
        Assert.Equal(204, (int)(await herald.Http.GetAsync(new Uri($"/receipts/vonage?token={WebhookToken}&messageId={messageId}&status={status}", UriKind.Relative))).StatusCode);

    private static Task ProcessedAsync(HeraldApp herald) =>
        Eventually.TrueAsync(async () => await TwilioTests.QueueCountAsync(herald, ReceiptProcessor.KindName) == 0, "every receipt processed");

    private static async Task<string> StatusAsync(HeraldApp herald, TestService service, string id) =>
        (await HeraldApp.ExpectAsync(await herald.GetAsync(service.Key, $"/v2/notifications/{id}"), 200)).GetProperty("status").GetString()!;
}
