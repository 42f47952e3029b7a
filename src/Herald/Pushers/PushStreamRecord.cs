namespace Herald.Pushers;

/// <summary>
/// A service's highest allocated stream ordering. Allocating takes this row's lock until the
/// event's transaction commits, so concurrent posts get increasing orderings and become visible
/// in that order (a sequence would let a later ordering commit first, and a pusher skip the earlier).
/// </summary>
public sealed class PushStreamRecord
{
    public Guid ServiceId { get; set; }

    public long LastStreamOrdering { get; set; }
}
