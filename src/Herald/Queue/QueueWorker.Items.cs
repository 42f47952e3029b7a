using Microsoft.Extensions.Logging;

namespace Herald.Queue;

internal sealed partial class QueueWorker
{
    private async Task RunBatchAsync(IReadOnlyList<QueueItem> batch)
    {
        foreach (var kind in batch.GroupBy(i => i.Kind, StringComparer.Ordinal))
        {
            if (_handlers.GetValueOrDefault(kind.Key) is IQueueBatchPreparer preparer)
            {
                var items = kind.ToList();
                try
                {
                    await preparer.PrepareAsync(items, _handlerCancellation.Token);
                }
                catch (Exception ex) when (!_handlerCancellation.IsCancellationRequested)
                {
                    Log.PrepareFailed(_logger, ex, items.Count, kind.Key, items[0].Id);
                }
                catch (OperationCanceledException)
                {
                }
            }
        }

        foreach (var item in batch)
        {
            _ = RunItemAsync(item);
        }
    }

    private async Task RunItemAsync(QueueItem item)
    {
        var outcome = await RunHandlerAsync(item);
        _outcomes.Writer.TryWrite(outcome);
    }

    private async Task<QueueOutcome> RunHandlerAsync(QueueItem item)
    {
        try
        {
            await _handlerSlots.WaitAsync(_stopClaiming);
        }
        catch (OperationCanceledException)
        {
            return Released(item);
        }

        var started = _time.GetTimestamp();
        try
        {
            if (item.Attempts == 1)
            {
                _metrics.Started(item.Kind, _time.GetUtcNow() - item.CreatedAt);
            }

            if (!_handlers.TryGetValue(item.Kind, out var handler))
            {
                throw new InvalidOperationException($"No handler is registered for queue kind '{item.Kind}'.");
            }

            var result = await handler.HandleAsync(item, _handlerCancellation.Token);
            if (result.IsPermanentFailure)
            {
                Log.PermanentFailure(_logger, item.Kind, item.Id, item.Reference, result.Reason ?? "no reason given");
            }

            _metrics.Outcome(item.Kind, QueueOutcomeKind.Done, _time.GetElapsedTime(started));
            return new QueueOutcome(item.Id, result.ItemCompleted ? QueueOutcomeKind.CompletedByHandler : QueueOutcomeKind.Done);
        }
        catch (OperationCanceledException) when (_handlerCancellation.IsCancellationRequested)
        {
            return Released(item);
        }
        catch (Exception ex)
        {
            var outcome = Failed(item, ex);
            _metrics.Outcome(item.Kind, outcome.Kind, _time.GetElapsedTime(started));
            return outcome;
        }
        finally
        {
            _handlerSlots.Release();
        }
    }

    private QueueOutcome Released(QueueItem item)
    {
        Interlocked.Increment(ref _released);
        _metrics.Outcome(item.Kind, QueueOutcomeKind.Released, TimeSpan.Zero);
        return new QueueOutcome(item.Id, QueueOutcomeKind.Released);
    }

    private QueueOutcome Failed(QueueItem item, Exception exception)
    {
        var schedule = _backoff.For(item.Kind);
        var reason = exception.Message.Length > 2_000 ? exception.Message[..2_000] : exception.Message;
        var delay = schedule.DelayAfter(item.Attempts);
        var stack = ExpectedFailureException.IsExpected(exception) ? null : exception;
        if (delay is { } d)
        {
            var runAt = _time.GetUtcNow() + d;
            Log.Retry(_logger, stack, item.Kind, item.Id, item.Reference, item.Attempts, schedule.MaxAttempts, runAt, reason);
            return new QueueOutcome(item.Id, QueueOutcomeKind.Retry, runAt.ToUnixTimeMilliseconds(), reason);
        }

        Log.RetryFailed(_logger, stack, item.Kind, item.Id, item.Reference, schedule.MaxAttempts, reason);
        return new QueueOutcome(item.Id, QueueOutcomeKind.Dead, _time.GetUtcNow().ToUnixTimeMilliseconds(), reason);
    }
}
