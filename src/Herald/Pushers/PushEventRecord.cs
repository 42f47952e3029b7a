namespace Herald.Pushers;

/// <summary>
/// One event an application posted for its users (a chat message, a mention, a comment). Events
/// are numbered per service by <see cref="StreamOrdering"/>, which only grows and is allocated and
/// committed in the same order, so a pusher that has seen N has seen everything before N.
/// </summary>
public sealed class PushEventRecord
{
    public Guid ServiceId { get; set; }

    public long StreamOrdering { get; set; }

    /// <summary>The caller's id for the event, unique within the service; generated when not given.</summary>
    public required string EventId { get; set; }

    /// <summary>Any grouping: a chat room, a thread, a project.</summary>
    public required string RoomId { get; set; }

    public required string Type { get; set; }

    public required string Sender { get; set; }

    public string? SenderDisplayName { get; set; }

    public string? RoomName { get; set; }

    /// <summary>The event's content as posted (JSON object).</summary>
    public required string Content { get; set; }

    /// <summary>Unix milliseconds.</summary>
    public long ReceivedTs { get; set; }
}
