namespace Herald.Idempotency;

/// <summary>Idempotent sends' settings (configuration section <c>Idempotency</c>, env <c>HERALD_IDEMPOTENCY__*</c>).</summary>
public sealed class IdempotencyOptions
{
    public const string Section = "Idempotency";

    /// <summary>
    /// How long a request waits for another with the same key and body that is still being sent
    /// before it is answered 409. Default 10 s.
    /// </summary>
    public TimeSpan Wait { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// After how long a key whose first request never finished (its process died mid-send, so no
    /// notification was committed with it) is given to the next request with it. Default 1 minute.
    /// A request slower than this loses its claim and is answered 409, so only one is ever sent.
    /// </summary>
    public TimeSpan AbandonedAfter { get; set; } = TimeSpan.FromMinutes(1);
}
