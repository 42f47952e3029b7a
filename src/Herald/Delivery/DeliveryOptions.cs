namespace Herald.Delivery;

/// <summary>Configuration section <c>Delivery</c>.</summary>
public sealed class DeliveryOptions
{
    public const string Section = "Delivery";

    /// <summary>How long after sending a test-key notification its simulated receipt arrives. Default 2 s.</summary>
    public TimeSpan SimulatedReceiptDelay { get; set; } = TimeSpan.FromSeconds(2);
}
