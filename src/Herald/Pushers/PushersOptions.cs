using System.ComponentModel.DataAnnotations;

namespace Herald.Pushers;

/// <summary>Configuration section <c>Pushers</c>.</summary>
public sealed class PushersOptions
{
    public const string Section = "Pushers";

    /// <summary>How many pushers take their lease at once when a scan starts them (staggered starts: a start does not wait for another pusher's first push). Default 10.</summary>
    [Range(1, 1000)]
    public int StartupConcurrency { get; set; } = 10;

    /// <summary>
    /// How long a process holds a pusher before it must renew (PostgreSQL: one loop per pusher in
    /// the cluster). A process that dies loses its pushers to another after this. Default 30 s.
    /// </summary>
    public TimeSpan LeaseDuration { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How often a worker looks for pushers whose holder died. Default 10 s.</summary>
    public TimeSpan SweepInterval { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How often every pusher is checked again for work it has not been woken for (a safety net against a lost wake-up). Default 5 minutes; zero turns it off.</summary>
    public TimeSpan RescanInterval { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// Pusher steps (read what is pending, push it, record it) in progress at once in a process.
    /// The steps' database work is grouped (one statement or commit for every step at the same
    /// point), so this bounds memory and how large a group can be, not database connections.
    /// Default 512.
    /// </summary>
    [Range(1, 10_000)]
    public int MaxConcurrentSteps { get; set; } = 512;

    /// <summary>
    /// Requests to Matrix push gateways open at once in a process (each pusher still sends one at
    /// a time, in order). A failing pusher backs off without holding one. Default 64.
    /// </summary>
    [Range(1, 10_000)]
    public int MaxConcurrentPushes { get; set; } = 64;

    /// <summary>First wait after an HTTP push failed; doubles each failure. Default 1 s.</summary>
    public TimeSpan InitialBackoff { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Longest wait between HTTP push attempts. Default 1 h.</summary>
    public TimeSpan MaxBackoff { get; set; } = TimeSpan.FromHours(1);

    /// <summary>After failing this long an HTTP pusher gives up on the event it is stuck on and moves on. Default 24 h.</summary>
    public TimeSpan GiveUpAfter { get; set; } = TimeSpan.FromHours(24);

    /// <summary>
    /// Tries of one event a gateway refuses (a 4xx other than 408 and 429), or that cannot be
    /// built, before the event is parked: reported and moved past, so the events behind it flow.
    /// Default 5 (about 15 s of backing off). Failures of the gateway itself (5xx, timeouts,
    /// connection errors) keep to <see cref="GiveUpAfter"/>.
    /// </summary>
    [Range(1, 1000)]
    public int ParkAfterTries { get; set; } = 5;

    /// <summary>Timeout of one request to a push gateway. Default 10 s.</summary>
    public TimeSpan GatewayTimeout { get; set; } = TimeSpan.FromSeconds(10);
}
