using System.Net.Http.Json;
using System.Text;
using Herald.Fakes;
using Herald.Integrations.Mailgun;
using Herald.Storage;
using Herald.Tests.Fixtures;
using Microsoft.Extensions.Logging;

namespace Herald.Tests.Secrets;

/// <summary>Every log line of a whole send-and-receipt run, at every level, is free of secrets and personalisation.</summary>
public sealed class NoSecretsInLogsTests
{
    private const string MailgunApiKey = "mailgun-api-key-5c1d07";
    private const string MailgunSigningKey = "mailgun-signing-key-9a7e41";
    private const string TwilioAuthToken = "twilio-auth-token-3b8f62";
    private const string CallbackToken = "callback-bearer-token-77e2c9";
    private const string PersonalName = "Perpetua";
    private const string PersonalCode = "SECRET-8812";

    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task A_full_send_and_receipt_run_logs_no_secret_token_or_personalisation(DatabaseProvider provider)
    {
        await using var fakes = await ProviderFakes.StartAsync(new FakeOptions
        {
            MailgunApiKey = MailgunApiKey, MailgunSigningKey = MailgunSigningKey,
            TwilioAccountSid = "AC00000000000000000000000000000007", TwilioAuthToken = TwilioAuthToken,
        });
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var receiver = await CallbackReceiver.StartAsync(200);
        var logs = new CapturedLogs(LogLevel.Trace);
        var url = LoopbackUrl.Free();
        var settings = new Dictionary<string, string?>
        {
            ["Urls"] = url,
            ["Logging:LogLevel:Default"] = "Trace",
            ["Logging:LogLevel:Microsoft.AspNetCore"] = "Trace",
            ["Logging:LogLevel:Microsoft.EntityFrameworkCore"] = "Trace",
            ["Logging:LogLevel:System.Net.Http.HttpClient"] = "Trace",
            ["AllowPrivateTargets"] = "true",
            ["AllowHttpCallbacks"] = "true",
            ["Delivery:EmailProvider"] = "mailgun",
            ["Providers:Mailgun:ApiKey"] = MailgunApiKey,
            ["Providers:Mailgun:Domain"] = "mg.example",
            ["Providers:Mailgun:BaseUrl"] = fakes.BaseUrl,
            ["Providers:Mailgun:WebhookSigningKey"] = MailgunSigningKey,
            ["Delivery:SmsProvider"] = "twilio",
            ["Providers:Twilio:AccountSid"] = "AC00000000000000000000000000000007",
            ["Providers:Twilio:AuthToken"] = TwilioAuthToken,
            ["Providers:Twilio:BaseUrl"] = fakes.BaseUrl,
            ["Providers:Twilio:PublicUrl"] = url,
            ["Queue:Backoff:receipts.process"] = "1s,5*5m",
        };
        fakes.Mailgun.Behaviour = fakes.Mailgun.Behaviour with { ReceiptUrl = $"{url}/receipts/mailgun" };
        await using var herald = await HeraldApp.StartAsync(database, settings: settings, logs: logs);
        var service = await herald.CreateReadyServiceAsync(service: new { name = "Clinic", email_from = "hello@mg.example" });
        await herald.SetCallbackAsync(service.Id, "delivery_status", receiver.Url, CallbackToken);

        var personalisation = new { name = PersonalName, code = PersonalCode };
        var email = (await herald.SendEmailAsync(service, "ada@example.com", personalisation)).GetProperty("id").GetString()!;
        var sms = (await herald.SendSmsAsync(service, "07700900123", new { code = PersonalCode })).GetProperty("id").GetString()!;
        await herald.WaitForStatusAsync(service.Key, email, "delivered");
        await herald.WaitForStatusAsync(service.Key, sms, "delivered");
        await Eventually.TrueAsync(() => Task.FromResult(receiver.Received.Count >= 2), "both delivery_status callbacks arrive");
        Assert.All(receiver.Received, r => Assert.Equal($"Bearer {CallbackToken}", r.Authorization));

        // A receipt webhook posted by hand as well, so a refused one is logged too.
        Assert.Equal(403, (int)(await herald.Http.PostAsJsonAsync("/receipts/mailgun", new Dictionary<string, object>
        {
            ["signature"] = new { timestamp = "1700000000", token = "t", signature = MailgunSignature.Compute("wrong", "1700000000", "t") },
            ["event-data"] = new { @event = "delivered" },
        })).StatusCode);

        string[] secrets =
        [
            service.Key, service.Key[^36..], HeraldApp.AdminToken, HeraldApp.KeyRingKey, MailgunApiKey, MailgunSigningKey, TwilioAuthToken, CallbackToken,
            Convert.ToBase64String(Encoding.UTF8.GetBytes($"api:{MailgunApiKey}")), PersonalName, PersonalCode,
        ];
        var lines = logs.WithExceptions.Select(e => e.Exception is null ? e.Line : $"{e.Line} {e.Exception}").ToList();
        Assert.True(lines.Count > 50, $"only {lines.Count} log lines were captured; is logging at Trace?");
        var leaks = lines.Where(line => secrets.Any(s => line.Contains(s, StringComparison.Ordinal)) || line.Contains("Bearer ey", StringComparison.Ordinal)).ToList();
        Assert.True(leaks.Count == 0, "log lines with a secret:\n" + string.Join("\n", leaks));
    }
}
