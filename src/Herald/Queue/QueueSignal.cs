namespace Herald.Queue;

/// <summary>
/// In-process wake-up for the workers. A waiter takes <see cref="NextPulse"/> before it looks for
/// work, so a pulse that lands between the look and the wait is never missed.
/// </summary>
public sealed class QueueSignal
{
    private TaskCompletionSource _next = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Task NextPulse => Volatile.Read(ref _next).Task;

    /// <summary>Raised by <see cref="Committed"/>: new work is visible to every process (the PostgreSQL notifier listens).</summary>
    public event Action? WorkCommitted;

    /// <summary>Wakes this process's workers.</summary>
    public void Pulse() =>
        Interlocked.Exchange(ref _next, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();

    /// <summary>New items were committed here: wake this process's workers, and those of other processes.</summary>
    public void Committed()
    {
        Pulse();
        WorkCommitted?.Invoke();
    }
}
