namespace Herald.Storage;

/// <summary>
/// One writer at a time for this process's SQLite transactions. SQLite allows one writer anyway;
/// waiting here is a fair FIFO queue, where waiting on SQLITE_BUSY is a sleep-and-retry loop
/// that adds milliseconds of latency under contention.
/// </summary>
internal sealed class SqliteWriteGate
{
    private readonly SemaphoreSlim _semaphore = new(1, 1);

    public async ValueTask<Releaser> EnterAsync(CancellationToken cancellationToken)
    {
        await _semaphore.WaitAsync(cancellationToken);
        return new Releaser(_semaphore);
    }

    public Releaser Enter()
    {
        _semaphore.Wait();
        return new Releaser(_semaphore);
    }

    public sealed class Releaser(SemaphoreSlim semaphore) : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0)
            {
                semaphore.Release();
            }
        }
    }
}
