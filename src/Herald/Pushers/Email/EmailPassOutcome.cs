namespace Herald.Pushers.Email;

public enum EmailPassOutcome
{
    /// <summary>Nothing unread: only new notifications can give the pusher work.</summary>
    Idle,

    /// <summary>A digest went out; look again at once (notifications may have arrived meanwhile).</summary>
    Sent,

    /// <summary>Unread notifications, none due yet: look again at the time given, or sooner if woken.</summary>
    Waiting,

    /// <summary>Sending failed: try again at the time given.</summary>
    Failed,

    /// <summary>The pusher was removed, disabled or is not an email pusher.</summary>
    Gone,
}
