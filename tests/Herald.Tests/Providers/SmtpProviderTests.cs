using Herald.Storage;
using Herald.Tests.Fixtures;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;
using Herald.Queue;

namespace Herald.Tests.Providers;

public sealed class SmtpProviderTests
{
    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task An_email_goes_out_through_a_real_smtp_server_as_multipart_with_the_notification_id(DatabaseProvider provider)
    {
        await using var smtp = await SmtpServer.StartAsync();
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var herald = await HeraldApp.StartAsync(database, settings: Smtp(smtp.Port));
        var service = await herald.CreateReadyServiceAsync(service: new { name = "Clinic", email_from = "hello@clinic.example" });

        var response = await herald.PostAsync(service.Key, "/v2/notifications/email", new
        {
            email_address = "Ada@Example.com", template_id = service.EmailTemplateId, personalisation = new { name = "Ada", code = "42" },
            one_click_unsubscribe_url = "https://clinic.example/unsubscribe/1",
        });
        var id = (await HeraldApp.ExpectAsync(response, 201)).GetProperty("id").GetString()!;

        await herald.WaitForStatusAsync(service.Key, id, "delivered");
        var message = Assert.Single(smtp.Messages());
        Assert.Equal("Code for Ada", message.Subject);
        Assert.Equal("hello@clinic.example", ((MailboxAddress)message.From.Single()).Address);
        Assert.Equal("ada@example.com", ((MailboxAddress)message.To.Single()).Address);
        Assert.Equal($"{id}@clinic.example", message.MessageId);
        Assert.Equal("<https://clinic.example/unsubscribe/1>", message.Headers["List-Unsubscribe"]);
        Assert.Equal("List-Unsubscribe=One-Click", message.Headers["List-Unsubscribe-Post"]);
        Assert.Contains("Your code is 42.", message.TextBody, StringComparison.Ordinal);
        Assert.Contains("Your code is 42.", message.HtmlBody, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task An_unreachable_smtp_server_is_retried_not_failed(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var herald = await HeraldApp.StartAsync(database, settings: Smtp(SmtpServer.FreePort()));
        var service = await herald.CreateReadyServiceAsync();

        var id = (await herald.SendEmailAsync(service, "ada@example.com")).GetProperty("id").GetString()!;

        // The first try and the immediate retry fail; the next try is five minutes away.
        var heraldDatabase = herald.Services.GetRequiredService<HeraldDatabase>();
        await Eventually.TrueAsync(async () =>
        {
            await using var context = heraldDatabase.CreateContext();
            var item = await context.QueueItems.AsNoTracking().SingleOrDefaultAsync(i => i.Reference == id);
            return item is { Attempts: 2, LeaseOwner: null } && item.LastError!.Contains("connection problem", StringComparison.Ordinal);
        }, "two tries failed and the item waits for its next try");
        var read = await HeraldApp.ExpectAsync(await herald.GetAsync(service.Key, $"/v2/notifications/{id}"), 200);
        Assert.Equal("created", read.GetProperty("status").GetString());
    }

    private static Dictionary<string, string?> Smtp(int port) => new()
    {
        ["Delivery:EmailProvider"] = "smtp",
        ["Providers:Smtp:Host"] = "127.0.0.1",
        ["Providers:Smtp:Port"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Providers:Smtp:Security"] = "None",
        ["Providers:Smtp:Timeout"] = "00:00:05",
    };
}
