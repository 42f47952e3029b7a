namespace Herald.Receipts;

/// <summary>A signed webhook's one-time value (Mailgun's token), kept while a replay of it could still pass the freshness check.</summary>
public sealed class WebhookNonceRecord
{
    public required string Provider { get; init; }

    public required string Nonce { get; init; }

    public long ReceivedAt { get; init; }
}
