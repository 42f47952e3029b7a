namespace Herald.Pushers;

/// <summary>
/// Delivers for pushers of one kind. The pool runs one loop per pusher with work and calls
/// <see cref="RunAsync"/> repeatedly, as the answered <see cref="PusherStep"/> says. Registered
/// with <c>services.AddPusherProcessor&lt;T&gt;()</c>; pushers of a kind without a processor are
/// stored and listed but not run.
/// </summary>
public interface IPusherProcessor
{
    string Kind { get; }

    /// <summary>
    /// Does some of the pusher's work (a batch, one send) and says when to run again. Exceptions are
    /// caught by the pool, logged with the pusher's id and answered with a backoff.
    /// </summary>
    Task<PusherStep> RunAsync(PusherRun run, CancellationToken cancellationToken);
}
