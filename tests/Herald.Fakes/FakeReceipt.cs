namespace Herald.Fakes;

/// <summary>A receipt a provider fake sent (status callback, delivery receipt, webhook) and how it was answered.</summary>
public sealed record FakeReceipt(
    string Provider, string Reference, string Status, string Url, bool UnknownReference, int? StatusCode, string? Error, DateTimeOffset SentAt);
