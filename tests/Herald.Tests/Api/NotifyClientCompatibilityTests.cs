using Herald.Storage;
using Herald.Tests.Fixtures;
using Notify.Client;
using Notify.Exceptions;

namespace Herald.Tests.Api;

/// <summary>The official GOV.UK Notify .NET client, pointed at Herald, works unchanged.</summary>
public sealed class NotifyClientCompatibilityTests
{
    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task The_official_client_sends_reads_lists_and_previews(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var herald = await HeraldApp.StartAsync(database);
        var service = await herald.CreateReadyServiceAsync();
        var client = new NotificationClient(herald.BaseUrl, service.Key);

        var email = await client.SendEmailAsync("ada@example.com", service.EmailTemplateId.ToString(),
            new Dictionary<string, dynamic> { ["name"] = "Ada", ["code"] = "1234" }, "client-ref");
        var sms = await client.SendSmsAsync("07700900123", service.SmsTemplateId.ToString(),
            new Dictionary<string, dynamic> { ["code"] = "5678" }, "client-ref");

        Assert.Equal("Code for Ada", email.content.subject);
        Assert.Equal("client-ref", email.reference);
        Assert.Equal(service.EmailTemplateId.ToString(), email.template.id);
        Assert.Contains("5678", sms.content.body, StringComparison.Ordinal);

        await herald.WaitForStatusAsync(service.Key, email.id, "delivered");
        var read = await client.GetNotificationByIdAsync(email.id);
        Assert.Equal("delivered", read.status);
        Assert.Equal("ada@example.com", read.emailAddress);
        Assert.Equal("email", read.type);
        Assert.NotNull(read.completedAt);

        var all = await client.GetNotificationsAsync(templateType: "sms", reference: "client-ref");
        Assert.Equal(sms.id, Assert.Single(all.notifications).id);
        var emails = await client.GetNotificationsAsync(templateType: "email", status: "delivered");
        Assert.Equal(email.id, Assert.Single(emails.notifications).id);

        var template = await client.GetTemplateByIdAsync(service.EmailTemplateId.ToString());
        Assert.Equal("email", template.type);
        Assert.Equal(1, template.version);
        var versioned = await client.GetTemplateByIdAndVersionAsync(service.SmsTemplateId.ToString(), 1);
        Assert.Equal("Your code is ((code))", versioned.body);
        var templates = await client.GetAllTemplatesAsync("sms");
        Assert.Single(templates.templates);

        var preview = await client.GenerateTemplatePreviewAsync(service.EmailTemplateId.ToString(),
            new Dictionary<string, dynamic> { ["name"] = "Bo", ["code"] = "9" });
        Assert.Equal("Code for Bo", preview.subject);
        Assert.Contains("Your code is 9.", preview.body, StringComparison.Ordinal);

        var texts = await client.GetReceivedTextsAsync();
        Assert.Empty(texts.receivedTexts);

        var error = await Assert.ThrowsAsync<NotifyClientException>(() => client.SendEmailAsync("not-an-email", service.EmailTemplateId.ToString(),
            new Dictionary<string, dynamic> { ["name"] = "Ada", ["code"] = "1" }));
        Assert.Contains("email_address Not a valid email address", error.Message, StringComparison.Ordinal);
    }
}
