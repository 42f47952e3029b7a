using Herald.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Herald.Pushers;

/// <summary>
/// On PostgreSQL each pusher is run by one process at a time: the one holding its lease
/// (<c>lease_owner</c>, <c>lease_until</c>). A running loop renews it; a process that dies stops
/// renewing, the lease lapses and another process's sweep takes the pusher over. SQLite is one
/// process, so there every loop holds its pusher without a lease.
/// </summary>
internal sealed class PusherLeases
{
    private const int MaxReleaseGroup = 500;

    private readonly HeraldDatabase _database;
    private readonly IOptions<PushersOptions> _options;
    private readonly TimeProvider _time;
    private readonly GroupedCalls<Guid, bool> _releases;
    private readonly GroupedCalls<Guid, bool> _acquires;
    private readonly GroupedCalls<Guid, bool> _renewals;

    private readonly NodeIdentity _node;

    public PusherLeases(HeraldDatabase database, IOptions<PushersOptions> options, TimeProvider time, NodeIdentity node)
    {
        _database = database;
        _options = options;
        _time = time;
        _node = node;
        Owner = node.NewLeaseOwner();
        var owner = Owner;
        _releases = new(ids => ReleaseGroupAsync(database, owner, ids), MaxReleaseGroup);
        _acquires = new(AcquireGroupAsync, MaxReleaseGroup);
        _renewals = new(RenewGroupAsync, MaxReleaseGroup);
    }

    public string Owner { get; }

    public bool InUse => _database.Provider == DatabaseProvider.Postgres;

    /// <summary>The owner a loop writes with, or null where leases are not used.</summary>
    public string? LoopOwner => InUse ? Owner : null;

    public TimeSpan Duration => _options.Value.LeaseDuration;

    /// <summary>
    /// Takes the pusher's lease: false when another live process holds it. The loops a fan-out
    /// wakes take their leases together, in one statement (one commit) for all of them.
    /// </summary>
    public async Task<bool> AcquireAsync(Guid pusherId, CancellationToken cancellationToken)
    {
        if (!InUse)
        {
            return true;
        }

        return await _acquires.CallAsync(pusherId).WaitAsync(cancellationToken);
    }

    /// <summary>
    /// One statement, so it is its own transaction and holds no row while waiting for another:
    /// its rows are locked in the order of the key it scans, the same in every process, so two
    /// processes taking overlapping groups wait for each other in turn but cannot deadlock. Should
    /// PostgreSQL still report a deadlock (a plan locking in another order), the group is taken
    /// again one pusher at a time.
    /// </summary>
    private async Task<IReadOnlyList<bool>> AcquireGroupAsync(IReadOnlyList<Guid> ids)
    {
        var now = Now();
        var until = now + (long)Duration.TotalMilliseconds;
        var owner = Owner;
        var distinct = ids.Distinct().Order().ToArray();
        await using var context = _database.CreateContext();
        HashSet<Guid> taken;
        try
        {
            taken = [.. await context.Database.SqlQuery<Guid>($"""
                UPDATE pushers SET lease_owner = {owner}, lease_until = {until}
                WHERE id = ANY({distinct}) AND enabled AND (lease_until IS NULL OR lease_until < {now} OR lease_owner = {owner})
                RETURNING id AS "Value"
                """).ToListAsync(CancellationToken.None)];
        }
        catch (Npgsql.PostgresException ex) when (ex.SqlState == Npgsql.PostgresErrorCodes.DeadlockDetected)
        {
            taken = [];
            foreach (var id in distinct)
            {
                if (await context.Pushers
                    .Where(p => p.Id == id && p.Enabled && (p.LeaseUntil == null || p.LeaseUntil < now || p.LeaseOwner == owner))
                    .ExecuteUpdateAsync(s => s.SetProperty(p => p.LeaseOwner, owner).SetProperty(p => p.LeaseUntil, until), CancellationToken.None) == 1)
                {
                    taken.Add(id);
                }
            }
        }

        // A pusher named twice in a group (a loop that ended and a new one) is taken once: the first caller has it.
        var given = new HashSet<Guid>();
        return [.. ids.Select(id => taken.Contains(id) && given.Add(id))];
    }

    /// <summary>
    /// False when the lease was lost (it lapsed and another process took the pusher). The loops of
    /// a fan-out started together renew together: one statement for all of them.
    /// </summary>
    public async Task<bool> RenewAsync(Guid pusherId, CancellationToken cancellationToken)
    {
        if (!InUse)
        {
            return true;
        }

        return await _renewals.CallAsync(pusherId).WaitAsync(cancellationToken);
    }

    private async Task<IReadOnlyList<bool>> RenewGroupAsync(IReadOnlyList<Guid> ids)
    {
        var until = Now() + (long)Duration.TotalMilliseconds;
        var owner = Owner;
        var distinct = ids.Distinct().Order().ToArray();
        await using var context = _database.CreateContext();
        HashSet<Guid> renewed = [.. await context.Database.SqlQuery<Guid>($"""
            UPDATE pushers SET lease_until = {until}
            WHERE id = ANY({distinct}) AND lease_owner = {owner}
            RETURNING id AS "Value"
            """).ToListAsync(CancellationToken.None)];
        return [.. ids.Select(renewed.Contains)];
    }

    /// <summary>
    /// Gives the pusher back. The loops of a fan-out go idle together: their releases share one
    /// statement and commit. Only rows this process holds are touched, so a group never waits for
    /// another process's group in turn (acquiring stays one row per transaction).
    /// </summary>
    public async Task ReleaseAsync(Guid pusherId, CancellationToken cancellationToken)
    {
        if (!InUse)
        {
            return;
        }

        await _releases.CallAsync(pusherId).WaitAsync(cancellationToken);
    }

    private static async Task<IReadOnlyList<bool>> ReleaseGroupAsync(HeraldDatabase database, string owner, IReadOnlyList<Guid> ids)
    {
        await using var context = database.CreateContext();
        await context.Pushers
            .Where(p => ids.Contains(p.Id) && p.LeaseOwner == owner)
            .ExecuteUpdateAsync(s => s.SetProperty(p => p.LeaseOwner, (string?)null).SetProperty(p => p.LeaseUntil, (long?)null), CancellationToken.None);
        return [.. ids.Select(_ => true)];
    }

    /// <summary>
    /// A restart after a crash: frees the pushers the previous process of this node held, once
    /// this process is known to be the node's only live one, so the start-up scan runs them now
    /// rather than after their leases lapse. Returns how many were freed.
    /// </summary>
    public async Task<int> ReclaimPredecessorsAsync(CancellationToken cancellationToken)
    {
        if (!InUse || !await _node.IsSoleProcessAsync(cancellationToken))
        {
            return 0;
        }

        var prefix = _node.LeaseOwnerPrefix;
        var owner = Owner;
        await using var context = _database.CreateContext();
        return await context.Pushers
            .Where(p => p.LeaseOwner != null && p.LeaseOwner.StartsWith(prefix) && p.LeaseOwner != owner)
            .ExecuteUpdateAsync(s => s.SetProperty(p => p.LeaseOwner, (string?)null).SetProperty(p => p.LeaseUntil, (long?)null), cancellationToken);
    }

    /// <summary>Pushers whose holder stopped renewing (it died): they may be mid-stream.</summary>
    public async Task<IReadOnlyList<(Guid Id, string Kind)>> LapsedAsync(int limit, CancellationToken cancellationToken)
    {
        var now = Now();
        await using var context = _database.CreateContext();
        var rows = await context.Pushers.AsNoTracking()
            .Where(p => p.LeaseUntil != null && p.LeaseUntil < now && p.Enabled)
            .OrderBy(p => p.LeaseUntil)
            .Select(p => new { p.Id, p.Kind })
            .Take(limit)
            .ToListAsync(cancellationToken);
        return [.. rows.Select(r => (r.Id, r.Kind))];
    }

    private long Now() => _time.GetUtcNow().ToUnixTimeMilliseconds();
}
