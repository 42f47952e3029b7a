using Herald.Providers.Instances;
using Herald.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using static Herald.Analytics.AnalyticsEventTypes;

namespace Herald.Analytics;

/// <summary>
/// The fetch loops of every provider account that has an events API, one cycle at a time:
/// <c>latest-opened</c> and <c>latest-others</c> (from their positions, else now − 30 min, to now −
/// <see cref="AnalyticsOptions.LatestLag"/>), <c>missing</c> (from its position, else now − 2 h, to
/// the earlier of now − <see cref="AnalyticsOptions.StableAfter"/> and latest-others' position) and
/// <c>scheduled</c> (an operator's window). They share a budget of
/// <see cref="AnalyticsOptions.MaxEventsPerCycle"/> events, in that order. A run pages until the
/// window is read, or until its cap is reached with the last event later than its begin (so that
/// the position moves); its position is the last event's time, bumped one second on when it read
/// fewer events than its cap and the last is over two seconds old, so that a quiet window is not
/// read again and again. A failed run leaves its position where it was (storing is idempotent).
/// </summary>
public sealed class AnalyticsLoops(
    HeraldDatabase database, ProviderDirectory providers, AnalyticsEventStore store, AnalyticsMetrics metrics, IOptions<AnalyticsOptions> options, TimeProvider time,
    ILogger<AnalyticsLoops> logger)
{
    public static readonly TimeSpan FirstLatestWindow = TimeSpan.FromMinutes(30);
    public static readonly TimeSpan FirstMissingWindow = TimeSpan.FromHours(2);
    public static readonly TimeSpan BumpAge = TimeSpan.FromSeconds(2);
    public static readonly TimeSpan Bump = TimeSpan.FromSeconds(1);

    private static readonly TimeSpan Lease = TimeSpan.FromMinutes(10);
    private static readonly string[] OpenedTypes = [Opened];
    private static readonly string[] OtherTypes = [Delivered, Failed, Clicked, Unsubscribed, Complained];

    /// <summary>One cycle of every account's loops; a run that stopped at its cap asks for another cycle at once.</summary>
    public async Task<IReadOnlyList<LoopRun>> RunCycleAsync(CancellationToken cancellationToken)
    {
        var runs = new List<LoopRun>();
        foreach (var instance in (await providers.CurrentAsync(cancellationToken)).All)
        {
            if (instance.Adapter.As<IAnalyticsEventSource>() is { } source)
            {
                runs.AddRange(await RunAccountAsync(instance.Name, source, cancellationToken));
            }
        }

        return runs;
    }

    /// <summary>Schedules a window for the account's scheduled loop, replacing one already set; it survives restarts until read or cancelled.</summary>
    public async Task<Guid> ScheduleAsync(string account, DateTime begin, DateTime end, CancellationToken cancellationToken)
    {
        var id = Guid.CreateVersion7(time.GetUtcNow());
        await EnsureAsync(account, AnalyticsLoopNames.Scheduled, cancellationToken);
        await using var context = database.CreateContext();
        await context.AnalyticsLoops.Where(l => l.Account == account && l.Loop == AnalyticsLoopNames.Scheduled).ExecuteUpdateAsync(s => s
            .SetProperty(l => l.ScheduleId, id).SetProperty(l => l.ScheduleBegin, begin).SetProperty(l => l.ScheduleEnd, end).SetProperty(l => l.Position, (DateTime?)null), cancellationToken);
        return id;
    }

    /// <summary>Cancels a scheduled window; false when no loop has it.</summary>
    public async Task<bool> CancelAsync(Guid scheduleId, CancellationToken cancellationToken)
    {
        await using var context = database.CreateContext();
        return await context.AnalyticsLoops.Where(l => l.ScheduleId == scheduleId).ExecuteUpdateAsync(s => s
            .SetProperty(l => l.ScheduleId, (Guid?)null).SetProperty(l => l.ScheduleBegin, (DateTime?)null)
            .SetProperty(l => l.ScheduleEnd, (DateTime?)null).SetProperty(l => l.Position, (DateTime?)null), cancellationToken) > 0;
    }

    public async Task<IReadOnlyList<AnalyticsLoopRecord>> ListAsync(CancellationToken cancellationToken)
    {
        await using var context = database.CreateContext();
        return await context.AnalyticsLoops.AsNoTracking().OrderBy(l => l.Account).ThenBy(l => l.Loop).ToListAsync(cancellationToken);
    }

    private async Task<List<LoopRun>> RunAccountAsync(string account, IAnalyticsEventSource source, CancellationToken cancellationToken)
    {
        var o = options.Value;
        var budget = o.MaxEventsPerCycle;
        var runs = new List<LoopRun>();
        foreach (var loop in AnalyticsLoopNames.All)
        {
            if (budget <= 0)
            {
                break;
            }

            var record = await LeaseAsync(account, loop, cancellationToken);
            if (record is null)
            {
                Log.Busy(logger, account, loop);
                continue;
            }

            var now = time.GetUtcNow().UtcDateTime;
            DateTime? begin = null, end = null;
            var types = loop == AnalyticsLoopNames.LatestOpened ? OpenedTypes : loop == AnalyticsLoopNames.LatestOthers ? OtherTypes : All;
            switch (loop)
            {
                case AnalyticsLoopNames.LatestOpened or AnalyticsLoopNames.LatestOthers:
                    (begin, end) = (record.Position ?? now - FirstLatestWindow, now - o.LatestLag);
                    break;
                case AnalyticsLoopNames.Missing:
                    var latest = await PositionAsync(account, AnalyticsLoopNames.LatestOthers, cancellationToken) ?? now - FirstLatestWindow;
                    (begin, end) = (record.Position ?? now - FirstMissingWindow, Min(now - o.StableAfter, latest));
                    break;
                case AnalyticsLoopNames.Scheduled when record.ScheduleId is not null:
                    (begin, end) = (record.Position ?? record.ScheduleBegin, record.ScheduleEnd);
                    break;
            }

            var run = begin is { } b && end is { } e && e > b
                ? await RunAsync(account, loop, source, b, e, types, budget, cancellationToken)
                : new LoopRun(account, loop, 0, null, false, record.Position, null);
            await FinishAsync(record, run, now, cancellationToken);
            if (begin is not null)
            {
                metrics.Lag(account, loop, time.GetUtcNow().UtcDateTime - (run.Position ?? begin.Value));
            }

            budget -= run.Events;
            runs.Add(run);
        }

        return runs;
    }

    private async Task<LoopRun> RunAsync(string account, string loop, IAnalyticsEventSource source, DateTime begin, DateTime end, IReadOnlyList<string> types, int cap, CancellationToken cancellationToken)
    {
        var buffer = new List<ProviderEvent>();
        var processed = 0;
        DateTime? last = null;
        var hitCap = false;
        string? next = null;
        try
        {
            while (true)
            {
                var page = await source.FetchAsync(new EventQuery(begin, end, types), next, cancellationToken);
                if (page.Events.Count > 0)
                {
                    buffer.AddRange(page.Events);
                    processed += page.Events.Count;
                    last = page.Events[^1].OccurredAt;
                    if (buffer.Count >= options.Value.StoreBatchSize)
                    {
                        await store.StoreAsync(buffer, cancellationToken);
                        buffer.Clear();
                    }

                    // The cap is soft: stop only once the position would move past begin.
                    if (processed >= cap && last > begin)
                    {
                        hitCap = true;
                        break;
                    }
                }

                if (page.Next is null)
                {
                    break;
                }

                next = page.Next;
            }

            if (buffer.Count > 0)
            {
                await store.StoreAsync(buffer, cancellationToken);
            }
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            Log.FetchFailed(logger, ex, account, loop, begin, end);
            metrics.FetchError(account, loop);
            return new LoopRun(account, loop, processed, last, false, begin, ex.Message.Length > 2000 ? ex.Message[..2000] : ex.Message);
        }

        var position = last ?? begin;
        if (last is { } l && processed < cap && l < time.GetUtcNow().UtcDateTime - BumpAge)
        {
            position = l + Bump;
        }

        Log.Ran(logger, account, loop, processed, begin, end, position);
        return new LoopRun(account, loop, processed, last, hitCap, Millisecond(position), null);
    }

    private async Task FinishAsync(AnalyticsLoopRecord record, LoopRun run, DateTime startedAt, CancellationToken cancellationToken)
    {
        record.StartedAt = startedAt;
        record.FinishedAt = time.GetUtcNow().UtcDateTime;
        record.LeaseUntil = null;
        record.EventsLastRun = run.Events;
        record.EventsTotal += run.Events;
        record.LastEventAt = run.LastEventAt ?? record.LastEventAt;
        if (run.Error is not null)
        {
            record.Errors++;
            record.LastError = run.Error;
        }
        else
        {
            record.Position = run.Position;

            // A scheduled window read to its end is done.
            if (record.Loop == AnalyticsLoopNames.Scheduled && record.ScheduleId is not null && !run.HitCap)
            {
                (record.ScheduleId, record.ScheduleBegin, record.ScheduleEnd, record.Position) = (null, null, null, null);
            }
        }

        await using var context = database.CreateContext();
        context.AnalyticsLoops.Update(record);
        await context.SaveChangesAsync(cancellationToken);
    }

    /// <summary>The loop's row, held for this run: none while another run holds it (one run per loop across the cluster).</summary>
    private async Task<AnalyticsLoopRecord?> LeaseAsync(string account, string loop, CancellationToken cancellationToken)
    {
        await EnsureAsync(account, loop, cancellationToken);
        var now = time.GetUtcNow().UtcDateTime;
        await using var context = database.CreateContext();
        var taken = await context.AnalyticsLoops
            .Where(l => l.Account == account && l.Loop == loop && (l.LeaseUntil == null || l.LeaseUntil < now))
            .ExecuteUpdateAsync(s => s.SetProperty(l => l.LeaseUntil, now + Lease), cancellationToken);
        return taken == 0 ? null : await context.AnalyticsLoops.AsNoTracking().SingleAsync(l => l.Account == account && l.Loop == loop, cancellationToken);
    }

    private async Task EnsureAsync(string account, string loop, CancellationToken cancellationToken)
    {
        await using var context = database.CreateContext();
        if (await context.AnalyticsLoops.AnyAsync(l => l.Account == account && l.Loop == loop, cancellationToken))
        {
            return;
        }

        context.AnalyticsLoops.Add(new AnalyticsLoopRecord { Account = account, Loop = loop });
        try
        {
            await context.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // Another node made it at the same moment.
        }
    }

    private async Task<DateTime?> PositionAsync(string account, string loop, CancellationToken cancellationToken)
    {
        await using var context = database.CreateContext();
        return await context.AnalyticsLoops.Where(l => l.Account == account && l.Loop == loop).Select(l => l.Position).FirstOrDefaultAsync(cancellationToken);
    }

    private static DateTime Min(DateTime a, DateTime b) => a < b ? a : b;

    /// <summary>Positions are kept to the millisecond, as the provider's timestamps are.</summary>
    private static DateTime Millisecond(DateTime at) => new(at.Ticks - (at.Ticks % TimeSpan.TicksPerMillisecond), DateTimeKind.Utc);
}
