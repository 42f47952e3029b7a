
namespace Herald.Integrations.Vonage;

/// <summary>The Vonage SMS provider (configuration section <c>Providers:Vonage</c>); used when <c>Delivery:SmsProvider</c> is <c>vonage</c>.</summary>
public sealed class VonageOptions
{
    public const string Section = "Providers:Vonage";

    public string ApiKey { get; set; } = "";

    public string ApiSecret { get; set; } = "";

    /// <summary>Sender when the service has none.</summary>
    public string? From { get; set; }

    /// <summary>Vonage's SMS API; a local fake in tests. Default <c>https://rest.nexmo.com</c>.</summary>
    public string BaseUrl { get; set; } = "https://rest.nexmo.com";

    /// <summary>Herald's address as Vonage reaches it; delivery receipts go to <c>{PublicUrl}/receipts/vonage?token={WebhookToken}</c>.</summary>
    public string? PublicUrl { get; set; }

    /// <summary>
    /// Vonage's SMS webhooks carry no signature, so the receipt and inbound URLs carry this secret
    /// (at least 16 characters); requests without it are refused.
    /// </summary>
    public string WebhookToken { get; set; } = "";
}
