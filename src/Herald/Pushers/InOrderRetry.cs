namespace Herald.Pushers;

/// <summary>
/// How a pusher that delivers strictly in order (HTTP, web push) deals with a failed push: the
/// pusher is marked failing and waits from <see cref="PushersOptions.InitialBackoff"/>, doubling up
/// to <see cref="PushersOptions.MaxBackoff"/>. The event in hand is parked (recorded on the pusher,
/// logged, counted, moved past) so that the events behind it flow:
/// <list type="bullet">
/// <item>after <see cref="PushersOptions.ParkAfterTries"/> tries when the failure is the event's own
/// (the gateway refused it, or it could not be built): waiting cannot make it deliverable;</item>
/// <item>once the pusher has been failing for <see cref="PushersOptions.GiveUpAfter"/> when the
/// gateway itself fails, so a gateway that comes back is not flooded with stale notifications.</item>
/// </list>
/// Lives in the pusher loop's state; a restarted loop counts an event's tries afresh.
/// </summary>
internal sealed class InOrderRetry(TimeSpan initialBackoff)
{
    public const int MaxReasonLength = 500;

    private TimeSpan _backoff = initialBackoff;
    private long _triedOrdering = -1;
    private int _tries;

    public void Succeeded(TimeSpan initial)
    {
        _backoff = initial;
        _tries = 0;
    }

    /// <param name="eventRefused">The failure is this event's (refused by the gateway, or unbuildable), not the gateway's.</param>
    /// <returns>The loop's next step, or null when the event was parked and the next may be tried.</returns>
    public async Task<PusherStep?> FailedAsync(
        PusherRun run, PushedAction action, string reason, bool eventRefused,
        PusherStore store, PushersOptions settings, TimeProvider time, ILogger logger, CancellationToken cancellationToken)
    {
        var pusher = run.Pusher;
        var now = time.GetUtcNow();
        if (pusher.FailingSince is null && !await store.SetFailingSinceAsync(run, now.ToUnixTimeMilliseconds(), cancellationToken))
        {
            return PusherStep.Stop;
        }

        _tries = _triedOrdering == action.StreamOrdering ? _tries + 1 : 1;
        _triedOrdering = action.StreamOrdering;
        var failingSince = DateTimeOffset.FromUnixTimeMilliseconds(pusher.FailingSince!.Value);
        var refusedTooOften = eventRefused && _tries >= settings.ParkAfterTries;
        if (refusedTooOften || now - failingSince >= settings.GiveUpAfter)
        {
            if (refusedTooOften)
            {
                Log.Parked(logger, pusher.Id, action.StreamOrdering, action.EventId, _tries, reason);
            }
            else
            {
                Log.GaveUp(logger, pusher.Id, action.StreamOrdering, action.EventId, failingSince, reason);
            }

            _backoff = settings.InitialBackoff;
            _tries = 0;
            return await store.ParkAsync(run, action, refusedTooOften ? ParkCause.Refused : ParkCause.GaveUp, reason, cancellationToken) ? null : PusherStep.Stop;
        }

        var delay = _backoff;
        _backoff = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, settings.MaxBackoff.Ticks));
        Log.PushFailed(logger, pusher.Id, action.StreamOrdering, reason, failingSince, delay);
        return PusherStep.Sleep(now + delay);
    }
}
