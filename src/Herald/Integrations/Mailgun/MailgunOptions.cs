
namespace Herald.Integrations.Mailgun;

/// <summary>The Mailgun email provider (configuration section <c>Providers:Mailgun</c>); used when <c>Delivery:EmailProvider</c> is <c>mailgun</c>.</summary>
public sealed class MailgunOptions
{
    public const string Section = "Providers:Mailgun";

    public string ApiKey { get; set; } = "";

    /// <summary>The sending domain registered with Mailgun.</summary>
    public string Domain { get; set; } = "";

    /// <summary>Mailgun's API; <c>https://api.eu.mailgun.net</c> for EU accounts, a fake in tests. Default <c>https://api.mailgun.net</c>.</summary>
    public string BaseUrl { get; set; } = "https://api.mailgun.net";

    /// <summary>The webhook signing key: <c>/receipts/mailgun</c> refuses events whose signature it does not verify.</summary>
    public string WebhookSigningKey { get; set; } = "";
}
