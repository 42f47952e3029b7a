using Herald.Storage;
using Microsoft.Extensions.Time.Testing;

namespace Herald.Tests.Storage;

public sealed class SharedLoadCacheTests
{
    private static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(5);

    [Fact]
    public async Task Callers_missing_the_same_key_at_once_share_one_load()
    {
        var loads = 0;
        var loadMayFinish = new TaskCompletionSource();
        var cache = new SharedLoadCache<int, string>(async (key, _) =>
        {
            Interlocked.Increment(ref loads);
            await loadMayFinish.Task;
            return $"value {key}";
        }, Lifetime, new FakeTimeProvider());

        var callers = Enumerable.Range(0, 20).Select(_ => cache.GetAsync(7, CancellationToken.None).AsTask()).ToList();
        Assert.All(callers, c => Assert.False(c.IsCompleted));
        loadMayFinish.SetResult();

        Assert.All(await Task.WhenAll(callers), v => Assert.Equal("value 7", v));
        Assert.Equal(1, loads);
    }

    [Fact]
    public async Task A_value_is_kept_for_its_lifetime_then_read_again()
    {
        var time = new FakeTimeProvider();
        var loads = 0;
        var cache = new SharedLoadCache<int, int>((_, _) => Task.FromResult(Interlocked.Increment(ref loads)), Lifetime, time);

        Assert.Equal(1, await cache.GetAsync(1, CancellationToken.None));
        time.Advance(Lifetime - TimeSpan.FromMilliseconds(1));
        Assert.Equal(1, await cache.GetAsync(1, CancellationToken.None));
        time.Advance(TimeSpan.FromMilliseconds(1));
        Assert.Equal(2, await cache.GetAsync(1, CancellationToken.None));
    }

    [Fact]
    public async Task A_failed_load_reaches_its_callers_and_is_not_kept()
    {
        var attempts = 0;
        var cache = new SharedLoadCache<int, string>((_, _) =>
            Interlocked.Increment(ref attempts) == 1 ? Task.FromException<string>(new InvalidOperationException("database down")) : Task.FromResult("read"),
            Lifetime, new FakeTimeProvider());

        var failure = await Assert.ThrowsAsync<InvalidOperationException>(() => cache.GetAsync(1, CancellationToken.None).AsTask());
        Assert.Equal("database down", failure.Message);
        Assert.Equal("read", await cache.GetAsync(1, CancellationToken.None));
    }

    [Fact]
    public async Task An_invalidation_during_a_load_keeps_its_old_value_from_later_callers()
    {
        var version = "old";
        var firstLoadMayFinish = new TaskCompletionSource();
        var loads = 0;
        var cache = new SharedLoadCache<int, string>(async (_, _) =>
        {
            var read = version;
            if (Interlocked.Increment(ref loads) == 1)
            {
                await firstLoadMayFinish.Task;
            }

            return read;
        }, Lifetime, new FakeTimeProvider());

        var before = cache.GetAsync(1, CancellationToken.None).AsTask();
        version = "new";
        cache.Invalidate(1);
        var after = cache.GetAsync(1, CancellationToken.None).AsTask();
        firstLoadMayFinish.SetResult();

        Assert.Equal("old", await before);
        Assert.Equal("new", await after);
        Assert.Equal("new", await cache.GetAsync(1, CancellationToken.None));
        Assert.Equal(2, loads);
    }

    [Fact]
    public async Task A_cancelled_caller_stops_waiting_without_cancelling_the_load_for_others()
    {
        var loadMayFinish = new TaskCompletionSource();
        var cache = new SharedLoadCache<int, string>(async (_, ct) =>
        {
            await loadMayFinish.Task;
            ct.ThrowIfCancellationRequested();
            return "read";
        }, Lifetime, new FakeTimeProvider());
        using var cancel = new CancellationTokenSource();

        var impatient = cache.GetAsync(1, cancel.Token).AsTask();
        var patient = cache.GetAsync(1, CancellationToken.None).AsTask();
        await cancel.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => impatient);
        loadMayFinish.SetResult();

        Assert.Equal("read", await patient);
    }

    [Fact]
    public async Task Past_its_size_limit_the_cache_starts_again_empty()
    {
        var loads = 0;
        var cache = new SharedLoadCache<int, int>((key, _) => { Interlocked.Increment(ref loads); return Task.FromResult(key); },
            Timeout.InfiniteTimeSpan, new FakeTimeProvider(), maxEntries: 2);

        await cache.GetAsync(1, CancellationToken.None);
        await cache.GetAsync(2, CancellationToken.None);
        await cache.GetAsync(3, CancellationToken.None);
        await cache.GetAsync(3, CancellationToken.None);
        Assert.Equal(3, loads);
        await cache.GetAsync(1, CancellationToken.None);
        Assert.Equal(4, loads);
    }
}
