namespace Herald.Pushers;

/// <summary>
/// One pusher's processing loop: runs its processor step after step while there is work, waits
/// as the steps say, and ends when there is none. It has its own logging scope, and every
/// failure is caught, logged with the pusher's id and retried after a pause, never lost.
/// </summary>
internal sealed class PusherLoop(
    PusherPool pool, Guid pusherId, IPusherProcessor processor, PusherLeases leases, PusherStore store, TimeProvider time, ILogger logger, SemaphoreSlim? firstStepGate)
{
    private static readonly TimeSpan _firstErrorDelay = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan _maxErrorDelay = TimeSpan.FromMinutes(5);

    private readonly PusherRun _run = new(pusherId, leases.LoopOwner);
    private TaskCompletionSource _pulse = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _woken;
    private DateTimeOffset _renewAt;

    public Guid PusherId => pusherId;

    public Task Completion { get; private set; } = Task.CompletedTask;

    public void Start(CancellationToken stoppingToken) => Completion = Task.Run(() => RunAsync(stoppingToken), CancellationToken.None);

    /// <summary>New events (or receipts) for the pusher's user: run again after the current step.</summary>
    public void Wake(bool receipts)
    {
        if (receipts)
        {
            _run.ReceiptsChanged();
        }

        Volatile.Write(ref _woken, 1);
        Interlocked.Exchange(ref _pulse, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();
    }

    public bool TakeWoken() => Interlocked.Exchange(ref _woken, 0) == 1;

    private async Task RunAsync(CancellationToken stoppingToken)
    {
        using var scope = logger.BeginScope(new Dictionary<string, object> { ["PusherId"] = pusherId, ["PusherKind"] = processor.Kind });
        var errorDelay = _firstErrorDelay;
        var holding = false;
        SemaphoreSlim? gate = null;
        try
        {
            if (firstStepGate is not null)
            {
                await firstStepGate.WaitAsync(stoppingToken);
                gate = firstStepGate;
            }

            var acquired = await leases.AcquireAsync(pusherId, stoppingToken);

            // Starts are staggered, but one start does not wait for another pusher's first push.
            gate?.Release();
            gate = null;
            if (!acquired)
            {
                // Another process runs it (and heard the same wake-up).
                pool.Forget(this);
                return;
            }

            holding = true;
            _renewAt = time.GetUtcNow() + leases.Duration / 3;
            Log.LoopStarted(logger, pusherId);
            while (true)
            {
                stoppingToken.ThrowIfCancellationRequested();
                TakeWoken();
                PusherStep step;

                // Steps, not loops, are bounded: a fan-out to thousands of users wakes thousands of
                // loops, and each step holds a database connection.
                await pool.StepGate.WaitAsync(stoppingToken);
                try
                {
                    await RenewIfDueAsync(stoppingToken);
                    var pusher = await store.LoadAsync(pusherId, stoppingToken);
                    if (pusher is null || !pusher.Enabled || pusher.Kind != processor.Kind)
                    {
                        step = PusherStep.Stop;
                    }
                    else
                    {
                        _run.Pusher = pusher;
                        step = await processor.RunAsync(_run, stoppingToken);
                    }

                    errorDelay = _firstErrorDelay;
                }
                catch (LeaseLostException)
                {
                    throw;
                }
                catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
                {
                    Log.StepFailed(logger, ex, pusherId, errorDelay);
                    step = PusherStep.Sleep(time.GetUtcNow() + errorDelay);
                    errorDelay = TimeSpan.FromTicks(Math.Min(errorDelay.Ticks * 2, _maxErrorDelay.Ticks));
                }
                finally
                {
                    pool.StepGate.Release();
                }

                switch (step.Kind)
                {
                    case PusherStepKind.Continue:
                        break;
                    case PusherStepKind.Wait:
                        await WaitAsync(step.At, wakeable: true, stoppingToken);
                        break;
                    case PusherStepKind.Sleep:
                        await WaitAsync(step.At, wakeable: false, stoppingToken);
                        break;
                    case PusherStepKind.Stop:
                        holding = false;
                        await leases.ReleaseAsync(pusherId, stoppingToken);
                        pool.Forget(this);
                        Log.LoopStopped(logger, pusherId);
                        return;
                    default:
                        // Idle: give the pusher back, unless a wake-up arrived during the step.
                        if (TakeWoken())
                        {
                            break;
                        }

                        holding = false;
                        await leases.ReleaseAsync(pusherId, stoppingToken);
                        if (pool.TryFinish(this))
                        {
                            Log.LoopIdle(logger, pusherId);
                            return;
                        }

                        if (!await leases.AcquireAsync(pusherId, stoppingToken))
                        {
                            pool.Forget(this);
                            return;
                        }

                        holding = true;
                        _renewAt = time.GetUtcNow() + leases.Duration / 3;
                        break;
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        catch (LeaseLostException)
        {
            holding = false;
            Log.LeaseLost(logger, pusherId);
        }
        catch (Exception ex)
        {
            // Only the lease calls can get here (a step's failures are retried above).
            Log.LoopFailed(logger, ex, pusherId);
        }
        finally
        {
            gate?.Release();
            pool.Forget(this);
            if (holding)
            {
                await ReleaseQuietlyAsync();
            }
        }
    }

    private async Task WaitAsync(DateTimeOffset at, bool wakeable, CancellationToken stoppingToken)
    {
        while (true)
        {
            var pulse = Volatile.Read(ref _pulse).Task;
            if (wakeable && Volatile.Read(ref _woken) == 1)
            {
                return;
            }

            var now = time.GetUtcNow();
            if (now >= at)
            {
                return;
            }

            if (leases.InUse && now >= _renewAt)
            {
                await RenewIfDueAsync(stoppingToken);
                continue;
            }

            var until = leases.InUse && _renewAt < at ? _renewAt : at;
            using var cancel = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
            var delay = Task.Delay(until - now, time, cancel.Token);
            await (wakeable ? Task.WhenAny(delay, pulse) : Task.WhenAny(delay));
            await cancel.CancelAsync();
            stoppingToken.ThrowIfCancellationRequested();
        }
    }

    private async Task RenewIfDueAsync(CancellationToken stoppingToken)
    {
        if (!leases.InUse || time.GetUtcNow() < _renewAt)
        {
            return;
        }

        if (!await leases.RenewAsync(pusherId, stoppingToken))
        {
            throw new LeaseLostException();
        }

        _renewAt = time.GetUtcNow() + leases.Duration / 3;
    }

    private async Task ReleaseQuietlyAsync()
    {
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            await leases.ReleaseAsync(pusherId, timeout.Token);
        }
        catch (Exception ex)
        {
            // The lease lapses on its own.
            Log.ReleaseFailed(logger, ex, pusherId);
        }
    }
}
