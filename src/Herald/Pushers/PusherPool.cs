using System.Diagnostics;
using System.Threading.Channels;
using Herald.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Herald.Pushers;

/// <summary>
/// Runs pushers. Posting events or receipts only records them and wakes the affected pushers
/// (<see cref="Wake"/> returns at once); each pusher with work gets its own loop
/// (<see cref="PusherLoop"/>) for as long as it has work. At start-up only pushers that may have
/// work are started: one indexed check each, a few at a time, so 100,000 idle pushers cost a scan,
/// not 100,000 loops. On PostgreSQL each loop holds its pusher's lease, and a sweep takes over
/// pushers whose process died.
/// </summary>
internal sealed class PusherPool : BackgroundService
{
    private const int ScanPageSize = 1000;

    private readonly HeraldDatabase _database;
    private readonly PusherLeases _leases;
    private readonly PusherStore _store;
    private readonly TimeProvider _time;
    private readonly IOptions<PushersOptions> _options;
    private readonly ILogger<PusherPool> _logger;
    private readonly Dictionary<string, IPusherProcessor> _processors;
    private readonly Lock _lock = new();
    private readonly Dictionary<Guid, PusherLoop> _loops = [];
    private readonly Channel<PusherWake> _wakes = Channel.CreateUnbounded<PusherWake>(new UnboundedChannelOptions { SingleReader = true });
    private readonly SemaphoreSlim _scanRequested = new(0, 1);
    private readonly TaskCompletionSource _firstScan = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly SemaphoreSlim _startGate;
    private CancellationToken _stopping = new(canceled: true);
    private volatile bool _rescanning;

    public PusherPool(
        HeraldDatabase database, PusherLeases leases, PusherStore store, IEnumerable<IPusherProcessor> processors,
        TimeProvider time, IOptions<PushersOptions> options, ILogger<PusherPool> logger)
    {
        _database = database;
        _leases = leases;
        _store = store;
        _time = time;
        _options = options;
        _logger = logger;

        // Pushers started by a scan take their first step a few at a time (staggered), so a
        // start-up with many pushers with work does not hit the database with all of them at once.
        _startGate = new SemaphoreSlim(options.Value.StartupConcurrency);
        StepGate = new SemaphoreSlim(options.Value.MaxConcurrentSteps, options.Value.MaxConcurrentSteps);

        // A later registration for a kind replaces an earlier one.
        _processors = processors.GroupBy(p => p.Kind).ToDictionary(g => g.Key, g => g.Last());
    }

    /// <summary>Bounds the pusher steps running at once in this process (<see cref="PushersOptions.MaxConcurrentSteps"/>).</summary>
    internal SemaphoreSlim StepGate { get; }

    /// <summary>How many pusher loops run in this process now.</summary>
    public int RunningCount
    {
        get
        {
            lock (_lock)
            {
                return _loops.Count;
            }
        }
    }

    /// <summary>Completes when the start-up scan has started every pusher that may have work.</summary>
    public Task FirstScan => _firstScan.Task;

    /// <summary>Wakes the pushers of some users. Returns at once; the lookup and the work happen in the background.</summary>
    public void Wake(PusherWake wake) => _wakes.Writer.TryWrite(wake);

    /// <summary>Asks for a scan of all pushers for possible work (after start, or after missing notifications).</summary>
    public void RequestScan()
    {
        try
        {
            _scanRequested.Release();
        }
        catch (SemaphoreFullException)
        {
            // A scan is already requested.
        }
    }

    public bool IsRunning(Guid pusherId)
    {
        lock (_lock)
        {
            return _loops.ContainsKey(pusherId);
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        _stopping = stoppingToken;
        await ReclaimPredecessorLeasesAsync(stoppingToken);
        if (!_leases.InUse)
        {
            // PostgreSQL scans once its listener is connected, so nothing posted in between is missed.
            RequestScan();
        }

        await Task.WhenAll(DispatchAsync(stoppingToken), ScanAsync(stoppingToken), SweepAsync(stoppingToken), RescanAsync(stoppingToken));
    }

    /// <summary>Before the first scan, so that scan starts the pushers a crashed process of this node held.</summary>
    private async Task ReclaimPredecessorLeasesAsync(CancellationToken stoppingToken)
    {
        try
        {
            var reclaimed = await _leases.ReclaimPredecessorsAsync(stoppingToken);
            if (reclaimed > 0)
            {
                Log.Reclaimed(_logger, reclaimed);
            }
        }
        catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
        {
            Log.ReclaimFailed(_logger, ex);
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        Task[] running;
        lock (_lock)
        {
            running = [.. _loops.Values.Select(l => l.Completion)];
        }

        await Task.WhenAll(running).WaitAsync(cancellationToken);
    }

    /// <summary>Wakes the pusher's loop, or starts one.</summary>
    internal void Touch(Guid pusherId, string kind, bool receipts, SemaphoreSlim? firstStepGate = null)
    {
        if (!_processors.TryGetValue(kind, out var processor))
        {
            return;
        }

        lock (_lock)
        {
            if (_stopping.IsCancellationRequested)
            {
                return;
            }

            if (_loops.TryGetValue(pusherId, out var running))
            {
                running.Wake(receipts);
                return;
            }

            var loop = new PusherLoop(this, pusherId, processor, _leases, _store, _time, _logger, firstStepGate);
            if (receipts)
            {
                loop.Wake(receipts: true);
            }

            _loops[pusherId] = loop;

            // The loop runs as its own background work: it does not inherit the scope or activity
            // of the request that happened to wake it.
            using (ExecutionContext.SuppressFlow())
            {
                loop.Start(_stopping);
            }
        }
    }

    /// <summary>The loop found no work: it ends unless it was woken meanwhile (then it goes on).</summary>
    internal bool TryFinish(PusherLoop loop)
    {
        lock (_lock)
        {
            if (loop.TakeWoken() && !_stopping.IsCancellationRequested)
            {
                return false;
            }

            Forget(loop);
            return true;
        }
    }

    internal void Forget(PusherLoop loop)
    {
        lock (_lock)
        {
            if (_loops.TryGetValue(loop.PusherId, out var current) && current == loop)
            {
                _loops.Remove(loop.PusherId);
            }
        }
    }

    private async Task DispatchAsync(CancellationToken stoppingToken)
    {
        try
        {
            await foreach (var wake in _wakes.Reader.ReadAllAsync(stoppingToken))
            {
                try
                {
                    foreach (var chunk in wake.UserIds.Chunk(500))
                    {
                        await using var context = _database.CreateContext();
                        var pushers = await context.Pushers.AsNoTracking()
                            .Where(p => p.ServiceId == wake.ServiceId && chunk.Contains(p.UserId) && p.Enabled)
                            .Select(p => new { p.Id, p.Kind })
                            .ToListAsync(stoppingToken);
                        foreach (var pusher in pushers)
                        {
                            Touch(pusher.Id, pusher.Kind, wake.Receipts);
                        }

                        Log.Woke(_logger, chunk.Length, wake.ServiceId, wake.Receipts, pushers.Count);
                    }
                }
                catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
                {
                    // The wake is not lost: a scan finds every pusher with work.
                    Log.WakeFailed(_logger, ex, wake.ServiceId, wake.UserIds.Count);
                    await Task.Delay(TimeSpan.FromSeconds(1), _time, stoppingToken);
                    RequestScan();
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    private async Task ScanAsync(CancellationToken stoppingToken)
    {
        try
        {
            while (true)
            {
                await _scanRequested.WaitAsync(stoppingToken);
                try
                {
                    await ScanOnceAsync(stoppingToken);
                    _firstScan.TrySetResult();
                }
                catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
                {
                    Log.ScanFailed(_logger, ex);
                    await Task.Delay(TimeSpan.FromSeconds(5), _time, stoppingToken);
                    RequestScan();
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    /// <summary>
    /// Starts every pusher that may have work: an action for its user after its last stream
    /// ordering. One query finds them all: the pushers table is read in key order, each pusher
    /// checked by one probe of push_actions' key, and only the pushers with work come back (in
    /// pages of <see cref="ScanPageSize"/>, so a page is one round trip however many pushers lie
    /// between two with work).
    /// </summary>
    private async Task ScanOnceAsync(CancellationToken stoppingToken)
    {
        var watch = Stopwatch.StartNew();
        var kinds = _processors.Keys.ToArray();
        var found = 0;
        var started = 0;
        var after = Guid.Empty;
        while (true)
        {
            var now = _time.GetUtcNow().ToUnixTimeMilliseconds();
            var owner = _leases.Owner;
            List<ScanCandidate> page;
            await using (var context = _database.CreateContext())
            {
                // Pushers held by a live loop of another process are that process's to run.
                page = await context.Pushers.AsNoTracking()
                    .Where(p => p.Id.CompareTo(after) > 0 && p.Enabled && kinds.Contains(p.Kind))
                    .Where(p => p.LeaseUntil == null || p.LeaseUntil < now || p.LeaseOwner == owner)
                    .Where(p => context.Set<PushActionRecord>().Any(a => a.ServiceId == p.ServiceId && a.UserId == p.UserId && a.StreamOrdering > p.LastStreamOrdering))
                    .OrderBy(p => p.Id)
                    .Take(ScanPageSize)
                    .Select(p => new ScanCandidate(p.Id, p.Kind))
                    .ToListAsync(stoppingToken);
            }

            found += page.Count;
            foreach (var candidate in page.Where(c => !(_rescanning && IsRunning(c.Id))))
            {
                started++;
                Touch(candidate.Id, candidate.Kind, receipts: false, _startGate);
            }

            if (page.Count < ScanPageSize)
            {
                break;
            }

            after = page[^1].Id;
        }

        Log.Scanned(_logger, found, started, watch.Elapsed);
    }

    /// <summary>
    /// A safety net: every <see cref="PushersOptions.RescanInterval"/> the start-up scan runs again,
    /// starting any pusher with work that has no loop, in case a wake-up was ever lost. Running
    /// loops are left alone (a wake would cut a digest's wait short).
    /// </summary>
    private async Task RescanAsync(CancellationToken stoppingToken)
    {
        var interval = _options.Value.RescanInterval;
        if (interval <= TimeSpan.Zero)
        {
            return;
        }

        try
        {
            while (true)
            {
                await Task.Delay(interval, _time, stoppingToken);
                try
                {
                    _rescanning = true;
                    await ScanOnceAsync(stoppingToken);
                }
                catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
                {
                    Log.ScanFailed(_logger, ex);
                }
                finally
                {
                    _rescanning = false;
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    /// <summary>PostgreSQL: takes over pushers whose process died mid-stream (their lease lapsed).</summary>
    private async Task SweepAsync(CancellationToken stoppingToken)
    {
        if (!_leases.InUse)
        {
            return;
        }

        try
        {
            while (true)
            {
                await Task.Delay(_options.Value.SweepInterval, _time, stoppingToken);
                try
                {
                    foreach (var (id, kind) in await _leases.LapsedAsync(500, stoppingToken))
                    {
                        Touch(id, kind, receipts: false);
                    }
                }
                catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
                {
                    Log.SweepFailed(_logger, ex);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    private sealed record ScanCandidate(Guid Id, string Kind);
}
