namespace Herald.Pushers;

/// <summary>One recipient of one event: what their pushers deliver and their feed lists.</summary>
public sealed class PushActionRecord
{
    public Guid ServiceId { get; set; }

    public required string UserId { get; set; }

    public long StreamOrdering { get; set; }

    public required string RoomId { get; set; }

    /// <summary>False for an action that only appears in the feed and is never pushed.</summary>
    public bool Notify { get; set; }

    public bool Highlight { get; set; }

    /// <summary>The recipient's tweaks (JSON object, e.g. <c>{"sound":"default"}</c>), or null.</summary>
    public string? Tweaks { get; set; }
}
