using Microsoft.Extensions.Logging;

namespace Herald.Queue;

internal sealed partial class QueueWorker
{
    /// <summary>
    /// Writes outcomes in batches until the channel is completed at shutdown. A failed write is
    /// tried again (the leases are still held); only at shutdown, past the grace period, is a batch
    /// given up, and then its items run again when their leases expire.
    /// </summary>
    private async Task WriteOutcomesAsync()
    {
        var reader = _outcomes.Reader;
        var buffer = new List<QueueOutcome>(MaxOutcomesPerWrite);
        while (await reader.WaitToReadAsync())
        {
            buffer.Clear();
            while (buffer.Count < MaxOutcomesPerWrite && reader.TryRead(out var outcome))
            {
                buffer.Add(outcome);
                _held.TryRemove(outcome.Id, out _);
            }

            if (!buffer.TrueForAll(o => o.Kind == QueueOutcomeKind.CompletedByHandler))
            {
                await WriteBatchAsync(buffer);
            }

            var nowMs = _time.GetUtcNow().ToUnixTimeMilliseconds();
            if (buffer.Exists(o => o.Kind == QueueOutcomeKind.Released || (o.Kind == QueueOutcomeKind.Retry && o.RunAt <= nowMs)))
            {
                _signal.Pulse();
            }

            Interlocked.Add(ref _inFlight, -buffer.Count);
            _capacity.Pulse();
        }
    }

    private async Task WriteBatchAsync(List<QueueOutcome> buffer)
    {
        var delay = TimeSpan.FromMilliseconds(100);
        while (true)
        {
            try
            {
                await _store.CompleteAsync(Owner, buffer, _time.GetUtcNow().ToUnixTimeMilliseconds(), _abandonWrites.Token);
                return;
            }
            catch (Exception) when (_abandonWrites.IsCancellationRequested)
            {
                Log.CompleteAbandoned(_logger, buffer.Count, buffer[0].Id);
                return;
            }
            catch (Exception ex)
            {
                Log.CompleteFailed(_logger, ex, buffer.Count, buffer[0].Id, delay);
                await DelayQuietlyAsync(delay, _abandonWrites.Token);
                delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, TimeSpan.FromSeconds(30).Ticks));
            }
        }
    }
}
