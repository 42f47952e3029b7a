using Herald.NotifyFormat;

namespace Herald.Receipts;

/// <summary>A provider's word on one message, queued for processing: its reference and the provider's own status.</summary>
public sealed record ProviderReceipt(string Provider, string Reference, string ProviderStatus, DateTimeOffset ReceivedAt)
{
    /// <summary>The longest provider reference a notification keeps (its column's length).</summary>
    public const int MaxReferenceLength = 255;

    /// <summary>
    /// Whether a webhook's message reference and status could belong to a notification: a
    /// reference no notification can have (too long, or text that cannot be stored) is the
    /// caller's mistake, answered 400, not a row the database refuses.
    /// </summary>
    public static bool IsPlausible(string reference, string status) =>
        reference.Length is > 0 and <= MaxReferenceLength && RequestJson.IsStorable(reference) && status.Length <= 100 && RequestJson.IsStorable(status);
}
