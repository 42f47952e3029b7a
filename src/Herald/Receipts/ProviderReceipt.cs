namespace Herald.Receipts;

/// <summary>A provider's word on one message, queued for processing: its reference and the provider's own status.</summary>
public sealed record ProviderReceipt(string Provider, string Reference, string ProviderStatus, DateTimeOffset ReceivedAt);
