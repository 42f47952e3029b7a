namespace Herald.Pushers;

/// <summary>What a pusher's loop does after one <see cref="IPusherProcessor.RunAsync"/>.</summary>
public readonly record struct PusherStep
{
    private PusherStep(PusherStepKind kind, DateTimeOffset at)
    {
        Kind = kind;
        At = at;
    }

    public PusherStepKind Kind { get; }

    /// <summary>For <see cref="PusherStepKind.Wait"/> and <see cref="PusherStepKind.Sleep"/>: when to run again.</summary>
    public DateTimeOffset At { get; }

    /// <summary>More work now: run again at once.</summary>
    public static PusherStep Continue => new(PusherStepKind.Continue, default);

    /// <summary>Nothing to do: the loop ends until the pusher is woken by new events or receipts.</summary>
    public static PusherStep Idle => new(PusherStepKind.Idle, default);

    /// <summary>Run again at <paramref name="at"/>, or sooner when woken (e.g. an email digest's timer).</summary>
    public static PusherStep Wait(DateTimeOffset at) => new(PusherStepKind.Wait, at);

    /// <summary>Run again at <paramref name="at"/> and not before, whatever arrives (a backoff).</summary>
    public static PusherStep Sleep(DateTimeOffset at) => new(PusherStepKind.Sleep, at);

    /// <summary>The pusher was removed or disabled: the loop ends.</summary>
    public static PusherStep Stop => new(PusherStepKind.Stop, default);
}
