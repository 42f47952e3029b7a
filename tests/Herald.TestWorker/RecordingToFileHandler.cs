using Herald.Queue;

namespace Herald.TestWorker;

internal sealed class RecordingToFileHandler(string path, int delayMs) : IQueueHandler
{
    private readonly StreamWriter _writer = new(new FileStream(path, FileMode.Append, FileAccess.Write, FileShare.Read)) { AutoFlush = true };
    private readonly Lock _lock = new();

    public string Kind => "test.record";

    public async Task<QueueHandlerResult> HandleAsync(QueueItem item, CancellationToken cancellationToken)
    {
        // Written through to the OS before the handler returns, so a SIGKILL loses none of it.
        lock (_lock)
        {
            _writer.WriteLine(item.Id);
        }

        if (delayMs > 0)
        {
            await Task.Delay(delayMs, cancellationToken);
        }

        return QueueHandlerResult.Completed;
    }
}
