using Herald.Integrations.Mailgun;
using Herald.Integrations.Smtp;
using Herald.Integrations.Twilio;
using Herald.Integrations.Vonage;
using Herald.Providers.Capture;
using Herald.Providers.Instances;

namespace Herald.Tests.Receipts;

/// <summary>Each provider type's receipt statuses, as the receipt processor reads them.</summary>
public sealed class ReceiptStatusMapTests
{
    private static readonly ProviderTypes Types =
        new([new CaptureProviderType(), new SmtpProviderType(), new MailgunProviderType(), new TwilioProviderType(), new VonageProviderType()]);

    [Theory]
    [InlineData("twilio", "accepted", "sending")]
    [InlineData("twilio", "queued", "sending")]
    [InlineData("twilio", "scheduled", "sending")]
    [InlineData("twilio", "sending", "sending")]
    [InlineData("twilio", "sent", "sending")]
    [InlineData("twilio", "delivered", "delivered")]
    [InlineData("twilio", "read", "delivered")]
    [InlineData("twilio", "undelivered", "permanent-failure")]
    [InlineData("twilio", "failed", "technical-failure")]
    [InlineData("twilio", "canceled", "technical-failure")]
    [InlineData("mailgun", "accepted", "sending")]
    [InlineData("mailgun", "delivered", "delivered")]
    [InlineData("mailgun", "failed:permanent", "permanent-failure")]
    [InlineData("mailgun", "failed:temporary", "temporary-failure")]
    [InlineData("mailgun", "rejected", "technical-failure")]
    [InlineData("vonage", "accepted", "sending")]
    [InlineData("vonage", "buffered", "sending")]
    [InlineData("vonage", "unknown", "sending")]
    [InlineData("vonage", "delivered", "delivered")]
    [InlineData("vonage", "expired", "temporary-failure")]
    [InlineData("vonage", "failed", "permanent-failure")]
    [InlineData("vonage", "rejected", "permanent-failure")]
    [InlineData("twilio", "DELIVERED", "delivered")]
    public void Each_providers_statuses_map_to_notifys(string provider, string providerStatus, string expected) =>
        Assert.Equal(expected, Types.Find(provider)?.MapStatus(providerStatus));

    [Theory]
    [InlineData("twilio", "exploded")]
    [InlineData("mailgun", "opened")]
    [InlineData("vonage", "sent")]
    [InlineData("other", "delivered")]
    public void Statuses_that_say_nothing_about_delivery_map_to_nothing(string provider, string providerStatus) =>
        Assert.Null(Types.Find(provider)?.MapStatus(providerStatus));

    [Theory]
    [InlineData("mailgun", "opened", true)]
    [InlineData("mailgun", "clicked", true)]
    [InlineData("mailgun", "unsubscribed", true)]
    [InlineData("mailgun", "complained", false)]
    [InlineData("mailgun", "delivered", false)]
    [InlineData("twilio", "read", false)]
    public void Mailguns_engagement_events_are_told_apart(string provider, string providerStatus, bool expected) =>
        Assert.Equal(expected, Types.Find(provider)?.IsEngagement(providerStatus) == true);
}
