using Herald.Storage;
using Microsoft.EntityFrameworkCore;

namespace Herald.Pushers;

/// <summary>
/// A running pusher's writes to its own row. Each is guarded by the loop's lease (PostgreSQL), so
/// a loop that lost its pusher to another process cannot move it: it learns it must stop instead.
/// </summary>
public sealed class PusherStore(HeraldDatabase database, PusherMetrics metrics, TimeProvider time)
{
    private const int MaxAdvanceGroup = 500;

    private readonly GroupedCalls<Advance, bool> _advances = new(group => AdvanceGroupAsync(database, group), MaxAdvanceGroup);
    private readonly GroupedCalls<Failing, bool> _failings = new(group => FailingGroupAsync(database, group), MaxAdvanceGroup);
    private readonly GroupedCalls<Guid, PusherRecord?> _loads = new(ids => LoadGroupAsync(database, ids), MaxAdvanceGroup);

    /// <summary>
    /// Loads the pusher, or null when it is gone. The loops of a fan-out load together: one
    /// statement reads the pushers of every step starting at the same time.
    /// </summary>
    public Task<PusherRecord?> LoadAsync(Guid pusherId, CancellationToken cancellationToken) =>
        _loads.CallAsync(pusherId).WaitAsync(cancellationToken);

    private static async Task<IReadOnlyList<PusherRecord?>> LoadGroupAsync(HeraldDatabase database, IReadOnlyList<Guid> ids)
    {
        await using var context = database.CreateContext();
        var distinct = ids.Distinct().ToArray();
        var found = await context.Pushers.AsNoTracking().Where(p => distinct.Contains(p.Id)).ToDictionaryAsync(p => p.Id, CancellationToken.None);

        // Each caller gets its own record (a loop changes its copy as it advances), even the rare
        // second caller for the same pusher.
        var given = new HashSet<Guid>();
        return [.. ids.Select(id => found.TryGetValue(id, out var pusher) ? (given.Add(id) ? pusher : Copy(pusher)) : null)];
    }

    private static PusherRecord Copy(PusherRecord pusher) => new()
    {
        Id = pusher.Id, ServiceId = pusher.ServiceId, UserId = pusher.UserId, Kind = pusher.Kind, AppId = pusher.AppId, Pushkey = pusher.Pushkey,
        PushkeyTs = pusher.PushkeyTs, AppDisplayName = pusher.AppDisplayName, DeviceDisplayName = pusher.DeviceDisplayName, Lang = pusher.Lang,
        Data = pusher.Data, LastStreamOrdering = pusher.LastStreamOrdering, LastSuccess = pusher.LastSuccess, FailingSince = pusher.FailingSince,
        Enabled = pusher.Enabled, ParkedEvents = pusher.ParkedEvents, LastParkedAt = pusher.LastParkedAt, LastParkedEventId = pusher.LastParkedEventId,
        LastParkedReason = pusher.LastParkedReason, CreatedTs = pusher.CreatedTs, LeaseOwner = pusher.LeaseOwner, LeaseUntil = pusher.LeaseUntil,
    };

    /// <summary>
    /// Records that everything up to <paramref name="streamOrdering"/> was dealt with. With
    /// <paramref name="delivered"/> also records a success and clears <c>failing_since</c>.
    /// False when the pusher is gone or this loop no longer holds it. The loops of a fan-out
    /// advance together: their records share one transaction (one durable commit for many pushers).
    /// </summary>
    public async Task<bool> AdvanceAsync(PusherRun run, long streamOrdering, bool delivered, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().ToUnixTimeMilliseconds();
        var updated = await _advances.CallAsync(new Advance(run.PusherId, run.LeaseOwner, streamOrdering, delivered, now)).WaitAsync(cancellationToken);
        if (updated)
        {
            run.Pusher.LastStreamOrdering = Math.Max(run.Pusher.LastStreamOrdering, streamOrdering);
            if (delivered)
            {
                run.Pusher.LastSuccess = now;
                run.Pusher.FailingSince = null;
            }
        }

        return updated;
    }

    private static async Task<IReadOnlyList<bool>> AdvanceGroupAsync(HeraldDatabase database, IReadOnlyList<Advance> group)
    {
        await using var context = database.CreateContext();
        await using var transaction = await context.Database.BeginTransactionAsync(CancellationToken.None);

        // A loop advances one step at a time, so a pusher appears once in a group.
        var moved = await PusherProgressStatements.AdvanceAsync(context, database.Provider,
            [.. group.Select(a => new PusherProgressStatements.Row(a.PusherId, a.LeaseOwner, a.StreamOrdering, a.Delivered, a.Now))]);
        await transaction.CommitAsync(CancellationToken.None);
        return [.. group.Select(a => moved.Contains(a.PusherId))];
    }

    /// <summary>
    /// Sets or clears <c>failing_since</c>. False when the pusher is gone or this loop no longer
    /// holds it. The pushers of a gateway that fails together record it together, in one transaction.
    /// </summary>
    public async Task<bool> SetFailingSinceAsync(PusherRun run, long? failingSince, CancellationToken cancellationToken)
    {
        var updated = await _failings.CallAsync(new Failing(run.PusherId, run.LeaseOwner, failingSince)).WaitAsync(cancellationToken);
        if (updated)
        {
            run.Pusher.FailingSince = failingSince;
        }

        return updated;
    }

    private static async Task<IReadOnlyList<bool>> FailingGroupAsync(HeraldDatabase database, IReadOnlyList<Failing> group)
    {
        await using var context = database.CreateContext();
        await using var transaction = await context.Database.BeginTransactionAsync(CancellationToken.None);
        var updated = new List<bool>(group.Count);
        foreach (var failing in group)
        {
            var since = failing.Since;
            updated.Add(1 == await Owned(context, failing.PusherId, failing.LeaseOwner)
                .ExecuteUpdateAsync(s => s.SetProperty(p => p.FailingSince, since), CancellationToken.None));
        }

        await transaction.CommitAsync(CancellationToken.None);
        return updated;
    }

    /// <summary>
    /// Moves past an event that could not be delivered and records it on the pusher (count, when,
    /// which, why) and in <c>herald.pushers.parked</c> by <paramref name="cause"/>; the pusher is no
    /// longer failing. False when the pusher is gone or this loop no longer holds it.
    /// </summary>
    public async Task<bool> ParkAsync(PusherRun run, PushedAction action, ParkCause cause, string reason, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().ToUnixTimeMilliseconds();
        var ordering = action.StreamOrdering;
        var why = reason.Length > InOrderRetry.MaxReasonLength ? reason[..InOrderRetry.MaxReasonLength] : reason;
        await using var context = database.CreateContext();
        await using var transaction = await context.Database.BeginTransactionAsync(cancellationToken);
        var updated = await Owned(context, run).ExecuteUpdateAsync(s => s
            .SetProperty(p => p.LastStreamOrdering, p => p.LastStreamOrdering > ordering ? p.LastStreamOrdering : ordering)
            .SetProperty(p => p.ParkedEvents, p => p.ParkedEvents + 1)
            .SetProperty(p => p.LastParkedAt, now)
            .SetProperty(p => p.LastParkedEventId, action.EventId)
            .SetProperty(p => p.LastParkedReason, why)
            .SetProperty(p => p.FailingSince, (long?)null), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        if (updated == 1)
        {
            var pusher = run.Pusher;
            pusher.LastStreamOrdering = Math.Max(pusher.LastStreamOrdering, ordering);
            pusher.ParkedEvents++;
            (pusher.LastParkedAt, pusher.LastParkedEventId, pusher.LastParkedReason, pusher.FailingSince) = (now, action.EventId, why, null);
            metrics.Parked(pusher.Kind, cause);
        }

        return updated == 1;
    }

    /// <summary>Stops the pusher until it is registered again (the target became one Herald may not call).</summary>
    public async Task DisableAsync(Guid pusherId, CancellationToken cancellationToken)
    {
        await using var context = database.CreateContext();
        await using var transaction = await context.Database.BeginTransactionAsync(cancellationToken);
        await context.Pushers.Where(p => p.Id == pusherId).ExecuteUpdateAsync(s => s.SetProperty(p => p.Enabled, false), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>Deletes the pusher (the push service rejected its pushkey, or its subscription is gone).</summary>
    public async Task RemoveAsync(Guid pusherId, CancellationToken cancellationToken)
    {
        await using var context = database.CreateContext();
        await using var transaction = await context.Database.BeginTransactionAsync(cancellationToken);
        await context.Pushers.Where(p => p.Id == pusherId).ExecuteDeleteAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    private static IQueryable<PusherRecord> Owned(HeraldDbContext context, PusherRun run) => Owned(context, run.PusherId, run.LeaseOwner);

    private static IQueryable<PusherRecord> Owned(HeraldDbContext context, Guid pusherId, string? owner) => owner is null
        ? context.Pushers.Where(p => p.Id == pusherId && p.Enabled)
        : context.Pushers.Where(p => p.Id == pusherId && p.Enabled && p.LeaseOwner == owner);

    private sealed record Failing(Guid PusherId, string? LeaseOwner, long? Since);

    private sealed record Advance(Guid PusherId, string? LeaseOwner, long StreamOrdering, bool Delivered, long Now);
}
