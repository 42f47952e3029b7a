namespace Herald.Delivery;

/// <summary>Configuration section <c>Delivery</c>.</summary>
public sealed class DeliveryOptions
{
    public const string Section = "Delivery";

    /// <summary>How long after sending a test-key notification its simulated receipt arrives. Default 2 s.</summary>
    public TimeSpan SimulatedReceiptDelay { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Email provider: <c>capture</c> (default: the dev inbox), <c>smtp</c> or <c>mailgun</c> (see <c>Providers:*</c>).</summary>
    public string EmailProvider { get; set; } = "capture";

    /// <summary>SMS provider: <c>capture</c> (default: the dev inbox), <c>twilio</c> or <c>vonage</c> (see <c>Providers:*</c>).</summary>
    public string SmsProvider { get; set; } = "capture";
}
