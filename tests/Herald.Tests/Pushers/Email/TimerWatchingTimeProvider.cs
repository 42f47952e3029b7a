using System.Collections.Concurrent;
using Microsoft.Extensions.Time.Testing;

namespace Herald.Tests.Pushers.Email;

/// <summary>A fake clock that remembers the due time of every timer created on it, so a test can wait until a loop has armed its timer.</summary>
internal sealed class TimerWatchingTimeProvider(DateTimeOffset start) : FakeTimeProvider(start)
{
    private readonly ConcurrentQueue<TimeSpan> _dueTimes = new();

    public bool HasTimerDueIn(TimeSpan dueTime) => _dueTimes.Contains(dueTime);

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        _dueTimes.Enqueue(dueTime);
        return base.CreateTimer(callback, state, dueTime, period);
    }
}
