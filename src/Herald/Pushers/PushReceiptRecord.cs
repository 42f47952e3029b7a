namespace Herald.Pushers;

/// <summary>
/// How far a user has read in one room: actions in that room up to and including
/// <see cref="StreamOrdering"/> are read, so they are no longer pushed or emailed. Only moves forward.
/// (Not to be confused with providers' delivery receipts.)
/// </summary>
public sealed class PushReceiptRecord
{
    public Guid ServiceId { get; set; }

    public required string UserId { get; set; }

    public required string RoomId { get; set; }

    public long StreamOrdering { get; set; }

    /// <summary>Unix milliseconds of the last move.</summary>
    public long UpdatedTs { get; set; }
}
