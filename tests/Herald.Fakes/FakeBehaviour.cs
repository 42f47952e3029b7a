namespace Herald.Fakes;

/// <summary>
/// How one provider fake behaves. Immutable: change it at run time by assigning a new value
/// (<c>fake.Behaviour = fake.Behaviour with { ... }</c>) or with <c>PUT /_fakes/{provider}/behaviour</c>.
/// Recipients are compared as the provider receives them, a leading '+' ignored.
/// </summary>
public sealed record FakeBehaviour
{
    /// <summary>Least time before an API call is answered. Default 0.</summary>
    public TimeSpan LatencyMin { get; init; }

    /// <summary>Most time before an API call is answered (uniform between min and max). Default 0.</summary>
    public TimeSpan LatencyMax { get; init; }

    /// <summary>Fraction of API calls answered with <see cref="ServerErrorStatus"/>. Default 0.</summary>
    public double ServerErrorRate { get; init; }

    /// <summary>The 5xx status for <see cref="ServerErrorRate"/>. Default 503.</summary>
    public int ServerErrorStatus { get; init; } = 503;

    /// <summary>Fraction of API calls answered 429 Too Many Requests (Vonage: HTTP 200 with status "1", as its SMS API throttles). Default 0.</summary>
    public double TooManyRequestsRate { get; init; }

    /// <summary>Fraction of API calls that hang for <see cref="HangFor"/> (past a client's timeout) before a 504. Default 0.</summary>
    public double TimeoutRate { get; init; }

    /// <summary>How long a timed-out call hangs, unless the client gives up first. Default 60 s.</summary>
    public TimeSpan HangFor { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>Recipients the provider refuses for good (Twilio error code, Vonage status, Mailgun 400).</summary>
    public IReadOnlyList<string> RejectedRecipients { get; init; } = [];

    /// <summary>
    /// The provider's code for a refused recipient: Twilio error code (default 21211), Vonage
    /// status (default "3"); Mailgun always answers 400 "'to' parameter is not a valid address".
    /// </summary>
    public string? RejectionCode { get; init; }

    /// <summary>Whether accepted messages get receipts (status callbacks, delivery receipts, webhooks). When false a message reaches its final status at once. Default true.</summary>
    public bool SendReceipts { get; init; } = true;

    /// <summary>
    /// Final status per recipient in the provider's own words (Twilio <c>undelivered</c>/<c>failed</c>,
    /// Vonage <c>failed</c>/<c>rejected</c>/<c>expired</c>, Mailgun <c>failed:permanent</c>/<c>failed:temporary</c>/<c>opened</c>/<c>complained</c>).
    /// </summary>
    public IReadOnlyDictionary<string, string> FinalStatuses { get; init; } = new Dictionary<string, string>();

    /// <summary>Final status for recipients not in <see cref="FinalStatuses"/>. Default <c>delivered</c>.</summary>
    public string DefaultFinalStatus { get; init; } = "delivered";

    /// <summary>
    /// Vonage: final status of one part of a long text by its number (1 for the first), over
    /// <see cref="FinalStatuses"/>; the text's other parts keep theirs. Empty by default.
    /// </summary>
    public IReadOnlyDictionary<int, string> PartFinalStatuses { get; init; } = new Dictionary<int, string>();

    /// <summary>Time between accepting a message and its first receipt. Default 100 ms.</summary>
    public TimeSpan ReceiptDelay { get; init; } = TimeSpan.FromMilliseconds(100);

    /// <summary>How many times each receipt is sent (duplicates). Default 1.</summary>
    public int ReceiptCopies { get; init; } = 1;

    /// <summary>Send a message's receipts latest first (e.g. <c>delivered</c> before <c>sent</c>). Default false.</summary>
    public bool ReorderReceipts { get; init; }

    /// <summary>After each message's receipts, also send one for a reference that does not exist. Default false.</summary>
    public bool UnknownReferenceReceipts { get; init; }

    /// <summary>
    /// Where receipts go when the message named no callback: Mailgun's webhook URL; Vonage's
    /// account-level delivery-receipt URL; Twilio's fallback for messages without StatusCallback.
    /// </summary>
    public string? ReceiptUrl { get; init; }

    /// <summary>Matrix push gateway: pushkeys answered as rejected.</summary>
    public IReadOnlyList<string> RejectedPushkeys { get; init; } = [];

    internal bool IsRejected(string recipient) => RejectedRecipients.Any(r => SameRecipient(r, recipient));

    internal string FinalStatusFor(FakeMessage message) =>
        (message.Parts > 1 ? PartFinalStatuses.GetValueOrDefault(message.Part) : null)
        ?? FinalStatuses.FirstOrDefault(p => SameRecipient(p.Key, message.To)).Value ?? DefaultFinalStatus;

    private static bool SameRecipient(string a, string b) =>
        string.Equals(a.TrimStart('+'), b.TrimStart('+'), StringComparison.OrdinalIgnoreCase);
}
