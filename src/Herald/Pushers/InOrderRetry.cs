namespace Herald.Pushers;

/// <summary>
/// How a pusher that delivers strictly in order (HTTP, web push) deals with a failed push: the
/// pusher is marked failing and waits from <see cref="PushersOptions.InitialBackoff"/>, doubling up
/// to <see cref="PushersOptions.MaxBackoff"/>; once it has been failing for
/// <see cref="PushersOptions.GiveUpAfter"/>, the notification in hand is given up (logged, skipped)
/// so that a receiver that comes back is not flooded with stale notifications. Lives in the
/// pusher loop's state.
/// </summary>
internal sealed class InOrderRetry(TimeSpan initialBackoff)
{
    private TimeSpan _backoff = initialBackoff;

    public void Succeeded(TimeSpan initial) => _backoff = initial;

    /// <returns>The loop's next step, or null when the notification was given up and the next may be tried.</returns>
    public async Task<PusherStep?> FailedAsync(
        PusherRun run, PushedAction action, string reason, PusherStore store, PushersOptions settings, TimeProvider time, ILogger logger, CancellationToken cancellationToken)
    {
        var pusher = run.Pusher;
        var now = time.GetUtcNow();
        if (pusher.FailingSince is null && !await store.SetFailingSinceAsync(run, now.ToUnixTimeMilliseconds(), cancellationToken))
        {
            return PusherStep.Stop;
        }

        var failingSince = DateTimeOffset.FromUnixTimeMilliseconds(pusher.FailingSince!.Value);
        if (now - failingSince >= settings.GiveUpAfter)
        {
            Log.GaveUp(logger, pusher.Id, action.StreamOrdering, action.EventId, failingSince, reason);
            _backoff = settings.InitialBackoff;
            return await store.AdvanceAsync(run, action.StreamOrdering, delivered: false, cancellationToken)
                && await store.SetFailingSinceAsync(run, null, cancellationToken)
                ? null
                : PusherStep.Stop;
        }

        var delay = _backoff;
        _backoff = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, settings.MaxBackoff.Ticks));
        Log.PushFailed(logger, pusher.Id, action.StreamOrdering, reason, failingSince, delay);
        return PusherStep.Sleep(now + delay);
    }
}
