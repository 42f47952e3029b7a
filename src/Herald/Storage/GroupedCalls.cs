using System.Collections.Concurrent;

namespace Herald.Storage;

/// <summary>
/// Runs concurrent calls in groups: every call waiting when a group starts joins it, and one
/// database round trip or commit serves them all (as <c>NotificationWriter</c> does for accepted
/// notifications). Each caller still gets its own result only once its group has finished, so a
/// caller that waits for a write knows it is committed. With one call at a time a group is that
/// call alone, so nothing waits for a group to fill. One group runs at a time.
/// </summary>
/// <param name="resumeCallersInline">
/// Callers whose code after the call is short (record, return) resume on the group's own thread
/// one after the other, instead of each being scheduled on the thread pool; callers with longer
/// work to do after the call must not, or the next group waits for them.
/// </param>
/// <param name="gather">
/// When several calls are already waiting as a group starts (a sign of load), how long to wait
/// for more before running it, as PostgreSQL's <c>commit_delay</c> does: fewer, larger commits
/// cost far less per call than many small ones. A call on its own runs at once.
/// </param>
/// <param name="gatherClock">The clock the gather waits on: real time unless a test says otherwise.</param>
internal sealed class GroupedCalls<TRequest, TResult>(
    Func<IReadOnlyList<TRequest>, Task<IReadOnlyList<TResult>>> runGroup, int maxGroup, bool resumeCallersInline = false, TimeSpan gather = default, TimeProvider? gatherClock = null)
{
    private readonly ConcurrentQueue<(TRequest Request, TaskCompletionSource<TResult> Done)> _waiting = new();
    private int _running;

    /// <summary>
    /// The result of <paramref name="request"/>, from the group it ran in. The group is not
    /// cancelled with one caller: other callers share it.
    /// </summary>
    public Task<TResult> CallAsync(TRequest request)
    {
        var done = new TaskCompletionSource<TResult>(resumeCallersInline ? TaskCreationOptions.None : TaskCreationOptions.RunContinuationsAsynchronously);
        _waiting.Enqueue((request, done));
        _ = RunWaitingAsync();
        return done.Task;
    }

    /// <summary>Runs groups until none is waiting, unless another caller is already doing so. Never throws.</summary>
    private async Task RunWaitingAsync()
    {
        // Whoever finds calls waiting and no group running runs them; a call that arrives just as
        // the runner stops is seen by the check after the runner lets go.
        while (!_waiting.IsEmpty && Interlocked.CompareExchange(ref _running, 1, 0) == 0)
        {
            try
            {
                var group = new List<(TRequest Request, TaskCompletionSource<TResult> Done)>(maxGroup);
                while (true)
                {
                    group.Clear();
                    var waiting = _waiting.Count;
                    if (gather > TimeSpan.Zero && waiting > 1 && waiting < maxGroup)
                    {
                        await Task.Delay(gather, gatherClock ?? TimeProvider.System);
                    }

                    while (group.Count < maxGroup && _waiting.TryDequeue(out var call))
                    {
                        group.Add(call);
                    }

                    if (group.Count == 0)
                    {
                        break;
                    }

                    await RunGroupAsync(group);
                }
            }
            finally
            {
                Volatile.Write(ref _running, 0);
            }
        }
    }

    private async Task RunGroupAsync(List<(TRequest Request, TaskCompletionSource<TResult> Done)> group)
    {
        try
        {
            var results = await runGroup([.. group.Select(c => c.Request)]);
            for (var i = 0; i < group.Count; i++)
            {
                group[i].Done.TrySetResult(results[i]);
            }
        }
        catch (Exception ex)
        {
            foreach (var call in group)
            {
                call.Done.TrySetException(ex);
            }
        }
    }
}
