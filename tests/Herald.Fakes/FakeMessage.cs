namespace Herald.Fakes;

/// <summary>A message a provider fake accepted (one per recipient), with the statuses it has reported for it.</summary>
public sealed class FakeMessage
{
    public required string Provider { get; init; }

    /// <summary>The provider's reference: Twilio's sid, Vonage's message-id, Mailgun's Message-Id (without angle brackets).</summary>
    public required string Id { get; init; }

    public required string To { get; init; }

    public required string From { get; init; }

    public required string Body { get; init; }

    /// <summary>The callback URL the message asked for (Twilio StatusCallback, Vonage callback), if any.</summary>
    public string? CallbackUrl { get; init; }

    /// <summary>The client's own reference (Vonage client-ref), if any.</summary>
    public string? ClientReference { get; init; }

    /// <summary>Mailgun: the message's user variables (<c>v:</c> fields).</summary>
    public IReadOnlyDictionary<string, string> Variables { get; init; } = new Dictionary<string, string>();

    /// <summary>Vonage: which part of a long text this message is (1 for the first), of <see cref="Parts"/>.</summary>
    public int Part { get; init; } = 1;

    /// <summary>Vonage: how many messages the text it came in was split into (1 for a text that fits one SMS).</summary>
    public int Parts { get; init; } = 1;

    public required DateTimeOffset AcceptedAt { get; init; }

    /// <summary>The latest status in the provider's words.</summary>
    public string Status { get; set; } = "accepted";
}
