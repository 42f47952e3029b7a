using Herald.Storage;
using Microsoft.EntityFrameworkCore;

namespace Herald.Pushers;

/// <summary>
/// A running pusher's writes to its own row. Each is guarded by the loop's lease (PostgreSQL), so
/// a loop that lost its pusher to another process cannot move it: it learns it must stop instead.
/// </summary>
public sealed class PusherStore(HeraldDatabase database, TimeProvider time)
{
    /// <summary>Loads the pusher, or null when it is gone.</summary>
    public async Task<PusherRecord?> LoadAsync(Guid pusherId, CancellationToken cancellationToken)
    {
        await using var context = database.CreateContext();
        return await context.Pushers.AsNoTracking().FirstOrDefaultAsync(p => p.Id == pusherId, cancellationToken);
    }

    /// <summary>
    /// Records that everything up to <paramref name="streamOrdering"/> was dealt with. With
    /// <paramref name="delivered"/> also records a success and clears <c>failing_since</c>.
    /// False when the pusher is gone or this loop no longer holds it.
    /// </summary>
    public async Task<bool> AdvanceAsync(PusherRun run, long streamOrdering, bool delivered, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().ToUnixTimeMilliseconds();
        int updated;
        await using (var context = database.CreateContext())
        {
            await using var transaction = await context.Database.BeginTransactionAsync(cancellationToken);
            var owned = Owned(context, run);
            updated = delivered
                ? await owned.ExecuteUpdateAsync(s => s
                    .SetProperty(p => p.LastStreamOrdering, p => p.LastStreamOrdering > streamOrdering ? p.LastStreamOrdering : streamOrdering)
                    .SetProperty(p => p.LastSuccess, now)
                    .SetProperty(p => p.FailingSince, (long?)null), cancellationToken)
                : await owned.ExecuteUpdateAsync(s => s
                    .SetProperty(p => p.LastStreamOrdering, p => p.LastStreamOrdering > streamOrdering ? p.LastStreamOrdering : streamOrdering), cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }

        if (updated == 1)
        {
            run.Pusher.LastStreamOrdering = Math.Max(run.Pusher.LastStreamOrdering, streamOrdering);
            if (delivered)
            {
                run.Pusher.LastSuccess = now;
                run.Pusher.FailingSince = null;
            }
        }

        return updated == 1;
    }

    /// <summary>Sets or clears <c>failing_since</c>. False when the pusher is gone or this loop no longer holds it.</summary>
    public async Task<bool> SetFailingSinceAsync(PusherRun run, long? failingSince, CancellationToken cancellationToken)
    {
        await using var context = database.CreateContext();
        await using var transaction = await context.Database.BeginTransactionAsync(cancellationToken);
        var updated = await Owned(context, run).ExecuteUpdateAsync(s => s.SetProperty(p => p.FailingSince, failingSince), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        if (updated == 1)
        {
            run.Pusher.FailingSince = failingSince;
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

    private static IQueryable<PusherRecord> Owned(HeraldDbContext context, PusherRun run)
    {
        var owner = run.LeaseOwner;
        return owner is null
            ? context.Pushers.Where(p => p.Id == run.PusherId && p.Enabled)
            : context.Pushers.Where(p => p.Id == run.PusherId && p.Enabled && p.LeaseOwner == owner);
    }
}
