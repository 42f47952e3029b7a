using System.Collections.Concurrent;
using System.Threading.Channels;
using Herald.Storage;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Herald.Queue;

/// <summary>
/// Claims due items in batches, runs them with bounded concurrency, and writes their outcomes in
/// batches: one claim transaction and one completion transaction per batch, not per item.
/// Claiming goes on while earlier batches run, up to <see cref="QueueOptions.MaxInFlight"/>.
/// </summary>
internal sealed partial class QueueWorker : BackgroundService
{
    private const int MaxOutcomesPerWrite = 2_000;

    private readonly IQueueStore _store;
    private readonly Dictionary<string, IQueueHandler> _handlers;
    private readonly QueueSignal _signal;
    private readonly BackoffPolicy _backoff;
    private readonly QueueOptions _options;
    private readonly TimeProvider _time;
    private readonly QueueMetrics _metrics;
    private readonly NodeIdentity _node;
    private readonly ILogger<QueueWorker> _logger;
    private readonly Channel<QueueOutcome> _outcomes = Channel.CreateUnbounded<QueueOutcome>(new UnboundedChannelOptions { SingleReader = true });
    private readonly QueueSignal _capacity = new();
    private readonly SemaphoreSlim _handlerSlots;
    private readonly CancellationTokenSource _handlerCancellation = new();
    private readonly CancellationTokenSource _abandonWrites = new();
    private readonly CancellationTokenSource _stopRenewing = new();

    /// <summary>Items claimed here whose outcome is not yet being written: their leases are renewed.</summary>
    private readonly ConcurrentDictionary<long, byte> _held = new();
    private readonly int _claimAtLeast;
    private CancellationToken _stopClaiming;
    private int _inFlight;
    private int _released;

    public QueueWorker(
        IQueueStore store,
        IEnumerable<IQueueHandler> handlers,
        QueueSignal signal,
        BackoffPolicy backoff,
        IOptions<QueueOptions> options,
        TimeProvider time,
        QueueMetrics metrics,
        NodeIdentity node,
        ILogger<QueueWorker> logger)
    {
        _store = store;
        _handlers = handlers.ToDictionary(h => h.Kind, StringComparer.Ordinal);
        _signal = signal;
        _backoff = backoff;
        _options = options.Value;
        _time = time;
        _metrics = metrics;
        _node = node;
        _logger = logger;
        _handlerSlots = new SemaphoreSlim(_options.HandlerConcurrency, _options.HandlerConcurrency);
        _claimAtLeast = Math.Max(1, Math.Min(_options.BatchSize, _options.MaxInFlight / 2));
        metrics.TrackInFlight(() => InFlight);
        Owner = node.NewLeaseOwner();
    }

    /// <summary>This worker's lease owner name: node id, process id and a random suffix.</summary>
    public string Owner { get; }

    /// <summary>Items claimed and not yet completed.</summary>
    public int InFlight => Volatile.Read(ref _inFlight);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        Log.WorkerStarted(_logger, Owner, _options.BatchSize, _options.HandlerConcurrency, _options.MaxInFlight, _options.LeaseDuration);
        _stopClaiming = stoppingToken;
        using var onStop = stoppingToken.Register(() =>
        {
            _handlerCancellation.CancelAfter(_options.ShutdownGrace);
            _abandonWrites.CancelAfter(_options.ShutdownGrace + TimeSpan.FromSeconds(5));
        });
        var completer = Task.Run(WriteOutcomesAsync, CancellationToken.None);
        var renewer = Task.Run(RenewLeasesAsync, CancellationToken.None);

        await ReclaimPredecessorLeasesAsync(stoppingToken);
        await ClaimLoopAsync(stoppingToken);

        while (InFlight > 0 && !_abandonWrites.IsCancellationRequested)
        {
            await WaitQuietlyAsync(_capacity.NextPulse, TimeSpan.FromMilliseconds(200), CancellationToken.None);
        }

        _outcomes.Writer.TryComplete();
        await completer;
        await _stopRenewing.CancelAsync();
        await renewer;
        Log.WorkerStopped(_logger, Owner, _released);
    }

    private async Task ClaimLoopAsync(CancellationToken stoppingToken)
    {
        var failureDelay = TimeSpan.FromMilliseconds(250);
        while (!stoppingToken.IsCancellationRequested)
        {
            var wake = _signal.NextPulse;
            var capacity = _capacity.NextPulse;
            // Claims wait for room for a good share of a batch: topping up the few items each
            // completion frees would cost a claim transaction per handful of items.
            var free = _options.MaxInFlight - InFlight;
            if (free <= 0 || (free < _claimAtLeast && InFlight > 0))
            {
                await WaitQuietlyAsync(capacity, _options.PollInterval, stoppingToken);
                continue;
            }

            var limit = Math.Min(_options.BatchSize, free);
            IReadOnlyList<QueueItem> batch;
            try
            {
                var now = _time.GetUtcNow();
                batch = await _store.ClaimAsync(Owner, limit, now.ToUnixTimeMilliseconds(), (now + _options.LeaseDuration).ToUnixTimeMilliseconds(), stoppingToken);
                failureDelay = TimeSpan.FromMilliseconds(250);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception ex)
            {
                Log.ClaimFailed(_logger, ex, failureDelay);
                await DelayQuietlyAsync(failureDelay, stoppingToken);
                failureDelay = TimeSpan.FromTicks(Math.Min(failureDelay.Ticks * 2, TimeSpan.FromSeconds(30).Ticks));
                continue;
            }

            if (batch.Count > 0)
            {
                _metrics.Claimed(batch.Count);
                Interlocked.Add(ref _inFlight, batch.Count);
                foreach (var item in batch)
                {
                    _held[item.Id] = 0;
                }

                _ = RunBatchAsync(batch);
            }

            if (batch.Count < limit)
            {
                await WaitQuietlyAsync(wake, _options.PollInterval, stoppingToken);
            }
        }
    }

    /// <summary>
    /// A restart after a crash: the items the previous process of this node held would wait out
    /// its leases. Once this process is known to be the node's only live one, they are freed now.
    /// </summary>
    private async Task ReclaimPredecessorLeasesAsync(CancellationToken stoppingToken)
    {
        try
        {
            if (await _node.IsSoleProcessAsync(stoppingToken))
            {
                var reclaimed = await _store.ReclaimAsync(_node.LeaseOwnerPrefix, Owner, _time.GetUtcNow().ToUnixTimeMilliseconds(), stoppingToken);
                if (reclaimed > 0)
                {
                    Log.Reclaimed(_logger, reclaimed, _node.Id);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        catch (Exception ex)
        {
            Log.ReclaimFailed(_logger, ex, _node.Id);
        }
    }

    /// <summary>
    /// Every third of the lease, moves the leases of the items this worker holds on by a whole
    /// lease: an item waiting for a handler slot, or a slow handler, must not be claimed again
    /// (here or elsewhere) while this process is alive; only a dead process's leases run out.
    /// </summary>
    private async Task RenewLeasesAsync()
    {
        var interval = _options.LeaseDuration / 3;
        using var timer = new PeriodicTimer(interval, _time);
        try
        {
            while (await timer.WaitForNextTickAsync(_stopRenewing.Token))
            {
                var ids = _held.Keys.ToList();
                if (ids.Count == 0)
                {
                    continue;
                }

                try
                {
                    await _store.RenewAsync(Owner, ids, (_time.GetUtcNow() + _options.LeaseDuration).ToUnixTimeMilliseconds(), _stopRenewing.Token);
                }
                catch (Exception ex) when (ex is not OperationCanceledException || !_stopRenewing.IsCancellationRequested)
                {
                    Log.RenewFailed(_logger, ex, ids.Count, interval);
                }
            }
        }
        catch (OperationCanceledException) when (_stopRenewing.IsCancellationRequested)
        {
        }
    }

    /// <summary>Waits for <paramref name="task"/>, the timeout or cancellation, whichever comes first, without throwing.</summary>
    private async Task WaitQuietlyAsync(Task task, TimeSpan timeout, CancellationToken cancellationToken)
    {
        try
        {
            await task.WaitAsync(timeout, _time, cancellationToken);
        }
        catch (TimeoutException)
        {
        }
        catch (OperationCanceledException)
        {
        }
    }

    private Task DelayQuietlyAsync(TimeSpan delay, CancellationToken cancellationToken) =>
        WaitQuietlyAsync(new TaskCompletionSource().Task, delay, cancellationToken);
}
