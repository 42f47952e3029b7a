namespace Herald.Queue;

/// <summary>
/// In-process wake-up for the workers. A waiter takes <see cref="NextPulse"/> before it looks for
/// work, so a pulse that lands between the look and the wait is never missed.
/// </summary>
public sealed class QueueSignal
{
    private TaskCompletionSource _next = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Task NextPulse => Volatile.Read(ref _next).Task;

    public void Pulse() =>
        Interlocked.Exchange(ref _next, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();
}
