using System.ComponentModel.DataAnnotations;

namespace Herald.Delivery;

/// <summary>Configuration section <c>Delivery</c>.</summary>
public sealed class DeliveryOptions
{
    public const string Section = "Delivery";

    /// <summary>How long after sending a test-key notification its simulated receipt arrives. Default 2 s.</summary>
    public TimeSpan SimulatedReceiptDelay { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Email provider: <c>capture</c> (default: the dev inbox), <c>smtp</c> or <c>mailgun</c> (see <c>Providers:*</c>).</summary>
    public string EmailProvider { get; set; } = "capture";

    /// <summary>
    /// When deliveries finish faster than their send records commit, how long a commit waits for
    /// more to join it: fewer, larger commits (each durable commit costs a disk flush). 0 turns the
    /// wait off. A delivery finishing on its own is committed at once. Default 2 ms.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:00:01")]
    public TimeSpan SentRecordGather { get; set; } = TimeSpan.FromMilliseconds(2);

    /// <summary>SMS provider: <c>capture</c> (default: the dev inbox), <c>twilio</c> or <c>vonage</c> (see <c>Providers:*</c>).</summary>
    public string SmsProvider { get; set; } = "capture";
}
