namespace Herald.Pushers;

/// <summary>Why a pusher moved past an event it could not deliver.</summary>
public enum ParkCause
{
    /// <summary>The gateway refused this event, or it could not be built from its stored content.</summary>
    Refused,

    /// <summary>The gateway itself kept failing for <see cref="PushersOptions.GiveUpAfter"/>.</summary>
    GaveUp,
}
