using System.Collections.Concurrent;

namespace Herald.Storage;

/// <summary>
/// Values read from the database and kept for <c>lifetime</c>. Callers that miss the same key
/// at the same time share one load, so an expired entry of a busy key costs one read, not one
/// read per caller waiting for it (64 handlers or every API request in flight, each reading the
/// same service at once, kept all of them waiting for tens of milliseconds every few seconds).
/// A load is not cancelled with one caller, and its failure reaches the callers sharing it
/// without being kept. <see cref="Invalidate"/> wins over a load already running: what that load
/// read is neither kept nor handed to callers who asked after the invalidation.
/// </summary>
/// <param name="load">Reads the value of a key.</param>
/// <param name="lifetime">How long a value is kept; <see cref="Timeout.InfiniteTimeSpan"/> for ever.</param>
/// <param name="maxEntries">Past this many entries the cache starts again empty.</param>
internal sealed class SharedLoadCache<TKey, TValue>(
    Func<TKey, CancellationToken, Task<TValue>> load, TimeSpan lifetime, TimeProvider time, int maxEntries = int.MaxValue)
    where TKey : notnull
{
    private readonly ConcurrentDictionary<TKey, (TValue Value, long LoadedAt)> _entries = new();
    private readonly ConcurrentDictionary<TKey, TaskCompletionSource<TValue>> _loads = new();

    public async ValueTask<TValue> GetAsync(TKey key, CancellationToken cancellationToken)
    {
        if (_entries.TryGetValue(key, out var entry) && (lifetime == Timeout.InfiniteTimeSpan || time.GetElapsedTime(entry.LoadedAt) < lifetime))
        {
            return entry.Value;
        }

        return await LoadOnceAsync(key).WaitAsync(cancellationToken);
    }

    public void Invalidate(TKey key)
    {
        _loads.TryRemove(key, out _);
        _entries.TryRemove(key, out _);
    }

    private Task<TValue> LoadOnceAsync(TKey key)
    {
        while (true)
        {
            if (_loads.TryGetValue(key, out var running))
            {
                return running.Task;
            }

            var started = new TaskCompletionSource<TValue>(TaskCreationOptions.RunContinuationsAsynchronously);
            if (_loads.TryAdd(key, started))
            {
                _ = RunLoadAsync(key, started);
                return started.Task;
            }
        }
    }

    private async Task RunLoadAsync(TKey key, TaskCompletionSource<TValue> started)
    {
        try
        {
            var loadedAt = time.GetTimestamp();
            var value = await load(key, CancellationToken.None);

            // An invalidation while loading removed this load: what it read is not kept (and
            // one that comes in just as it is stored takes it out again).
            if (IsCurrent(key, started))
            {
                if (_entries.Count >= maxEntries)
                {
                    _entries.Clear();
                }

                _entries[key] = (value, loadedAt);
                if (!IsCurrent(key, started))
                {
                    _entries.TryRemove(new KeyValuePair<TKey, (TValue, long)>(key, (value, loadedAt)));
                }
            }

            started.SetResult(value);
        }
        catch (Exception ex)
        {
            started.SetException(ex);
        }
        finally
        {
            _loads.TryRemove(new KeyValuePair<TKey, TaskCompletionSource<TValue>>(key, started));
        }
    }

    private bool IsCurrent(TKey key, TaskCompletionSource<TValue> started) =>
        _loads.TryGetValue(key, out var current) && ReferenceEquals(current, started);
}
