namespace Herald.Idempotency;

/// <summary>
/// One service's use of one <c>Idempotency-Key</c>: pending while its first request is being
/// sent (no response yet), then that request's 201, kept for <see cref="IdempotencyKeys.Window"/>.
/// </summary>
public sealed class IdempotencyKeyRecord
{
    public Guid ServiceId { get; init; }

    public required string Key { get; init; }

    /// <summary>SHA-256 of the raw request body (<see cref="IdempotencyKeys.Hash"/>).</summary>
    public required byte[] RequestHash { get; init; }

    /// <summary>When the first request claimed the key: the 24 hours run from here.</summary>
    public DateTime CreatedAt { get; init; }

    /// <summary>
    /// The claim's own id. The answer is stored only under the token that claimed the key, so a
    /// request whose claim was taken over (its process went quiet) cannot store a second answer.
    /// </summary>
    public Guid Token { get; init; }

    /// <summary>Null while pending; then the first response's status (always 201: refusals are not kept).</summary>
    public int? ResponseStatus { get; init; }

    /// <summary>The first response's body, byte for byte.</summary>
    public byte[]? ResponseBody { get; init; }

    public Guid? NotificationId { get; init; }
}
