
namespace Herald.Integrations.Twilio;

/// <summary>The Twilio SMS provider (configuration section <c>Providers:Twilio</c>); used when <c>Delivery:SmsProvider</c> is <c>twilio</c>.</summary>
public sealed class TwilioOptions
{
    public const string Section = "Providers:Twilio";

    public string AccountSid { get; set; } = "";

    /// <summary>Signs API calls (basic auth) and Twilio's webhooks (X-Twilio-Signature).</summary>
    public string AuthToken { get; set; } = "";

    /// <summary>Sender when the service has none: a Twilio number or alphanumeric sender id.</summary>
    public string? From { get; set; }

    /// <summary>Twilio's API; a local fake in tests. Default <c>https://api.twilio.com</c>.</summary>
    public string BaseUrl { get; set; } = "https://api.twilio.com";

    /// <summary>
    /// Herald's public address as Twilio reaches it (e.g. <c>https://herald.example.org</c>): status
    /// callbacks go to <c>{PublicUrl}/receipts/twilio</c> and must be signed for that exact URL.
    /// </summary>
    public string? PublicUrl { get; set; }
}
