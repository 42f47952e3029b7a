namespace Herald.Providers;

/// <summary>What a provider said on accepting a message.</summary>
/// <param name="Reference">The provider's id for it, matched against receipts later.</param>
/// <param name="DeliveredAt">Set when the provider confirms delivery at once (the capture provider), so no receipt will follow.</param>
/// <param name="Parts">
/// Every part's id, <paramref name="Reference"/> first, when the provider sent a long SMS as several
/// messages with a receipt each (Vonage); null for one message.
/// </param>
public sealed record ProviderResult(string Reference, DateTimeOffset? DeliveredAt = null, IReadOnlyList<string>? Parts = null);
