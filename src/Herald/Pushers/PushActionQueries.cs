using Herald.Storage;
using Microsoft.EntityFrameworkCore;

namespace Herald.Pushers;

/// <summary>
/// The reads pushers make: a user's unread notifying actions (those after the user's receipt in
/// their room), oldest or newest first, their count (the badge), and the latest action.
/// Each is a range scan of push_actions' key (service, user, stream_ordering).
/// </summary>
public sealed class PushActionQueries(HeraldDatabase database)
{
    private const int MaxPendingGroup = 500;

    private readonly GroupedCalls<PendingRequest, PendingPushes> _pending = new(group => PendingGroupAsync(database, group), MaxPendingGroup);

    /// <summary>
    /// The pusher's pending pushes (<see cref="PendingPushes"/>), at most <paramref name="limit"/>
    /// actions. The steps of a fan-out read together: two statements serve every pusher whose step
    /// starts at the same time, whatever their number. The latest action is read before the unread
    /// ones, so an event committed in between lies beyond it and moving up to it never skips one.
    /// </summary>
    public Task<PendingPushes> PendingAsync(Guid pusherId, int limit, CancellationToken cancellationToken) =>
        _pending.CallAsync(new PendingRequest(pusherId, limit)).WaitAsync(cancellationToken);

    private static async Task<IReadOnlyList<PendingPushes>> PendingGroupAsync(HeraldDatabase database, IReadOnlyList<PendingRequest> group)
    {
        var ids = group.Select(r => r.PusherId).Distinct().ToArray();
        var skip = group.Max(r => r.Limit) - 1;
        await using var context = database.CreateContext();
        var actions = context.PushActions.AsNoTracking();
        var receipts = context.Set<PushReceiptRecord>().AsNoTracking();

        // Per pusher, one probe of the key's range after its last stream ordering and one count of
        // the user's notifying actions not covered by a receipt.
        var summaries = await context.Pushers.AsNoTracking()
            .Where(p => ids.Contains(p.Id))
            .Select(p => new
            {
                p.Id,
                Latest = actions.Where(a => a.ServiceId == p.ServiceId && a.UserId == p.UserId && a.StreamOrdering > p.LastStreamOrdering).Max(a => (long?)a.StreamOrdering),
                Unread = actions.Count(a => a.ServiceId == p.ServiceId && a.UserId == p.UserId && a.Notify
                    && !receipts.Any(r => r.ServiceId == a.ServiceId && r.UserId == a.UserId && r.RoomId == a.RoomId && r.StreamOrdering >= a.StreamOrdering)),
            })
            .ToDictionaryAsync(s => s.Id, CancellationToken.None);

        // The unread notifying actions of every pusher of the group, at most limit each.
        // PostgreSQL: a LATERAL join, one bounded probe of the key per pusher. SQLite has no
        // LATERAL: the limit is a cut-off ordering per pusher (the limit-th unread one), itself a
        // bounded probe of the key.
        var pushers = context.Pushers.AsNoTracking().Where(p => ids.Contains(p.Id));
        var unread = database.Provider == DatabaseProvider.Postgres
            ? from p in pushers
              from a in actions
                  .Where(a => a.ServiceId == p.ServiceId && a.UserId == p.UserId && a.StreamOrdering > p.LastStreamOrdering && a.Notify)
                  .Where(a => !receipts.Any(r => r.ServiceId == a.ServiceId && r.UserId == a.UserId && r.RoomId == a.RoomId && r.StreamOrdering >= a.StreamOrdering))
                  .OrderBy(a => a.StreamOrdering)
                  .Take(skip + 1)
              select new { p.Id, a }
            : from p in pushers
              join a in actions on new { p.ServiceId, p.UserId } equals new { a.ServiceId, a.UserId }
              where a.StreamOrdering > p.LastStreamOrdering && a.Notify
              where !receipts.Any(r => r.ServiceId == a.ServiceId && r.UserId == a.UserId && r.RoomId == a.RoomId && r.StreamOrdering >= a.StreamOrdering)
              let cutoff = actions
                  .Where(b => b.ServiceId == p.ServiceId && b.UserId == p.UserId && b.StreamOrdering > p.LastStreamOrdering && b.Notify)
                  .Where(b => !receipts.Any(r => r.ServiceId == b.ServiceId && r.UserId == b.UserId && r.RoomId == b.RoomId && r.StreamOrdering >= b.StreamOrdering))
                  .OrderBy(b => b.StreamOrdering)
                  .Select(b => (long?)b.StreamOrdering)
                  .Skip(skip)
                  .FirstOrDefault()
              where cutoff == null || a.StreamOrdering <= cutoff
              select new { p.Id, a };
        var rows = await (
            from x in unread
            join e in context.PushEvents.AsNoTracking() on new { x.a.ServiceId, x.a.StreamOrdering } equals new { e.ServiceId, e.StreamOrdering }
            select new
            {
                x.Id,
                Action = new PushedAction(x.a.StreamOrdering, x.a.RoomId, x.a.Highlight, x.a.Tweaks, e.EventId, e.Type, e.Sender, e.SenderDisplayName, e.RoomName, e.Content, e.ReceivedTs),
            }).ToListAsync(CancellationToken.None);
        var byPusher = rows.GroupBy(r => r.Id).ToDictionary(g => g.Key, g => g.Select(r => r.Action).OrderBy(a => a.StreamOrdering).ToList());
        return [.. group.Select(r =>
        {
            var summary = summaries.GetValueOrDefault(r.PusherId);
            var pending = byPusher.TryGetValue(r.PusherId, out var list) ? (IReadOnlyList<PushedAction>)[.. list.Take(r.Limit)] : [];
            return new PendingPushes(summary?.Latest, summary?.Unread ?? 0, pending);
        })];
    }

    private sealed record PendingRequest(Guid PusherId, int Limit);

    /// <summary>Unread notifying actions after <paramref name="after"/>, oldest first (the HTTP pusher: never miss one).</summary>
    public async Task<IReadOnlyList<PushedAction>> UnreadAfterAsync(Guid serviceId, string userId, long after, int limit, CancellationToken cancellationToken)
    {
        await using var context = database.CreateContext();
        return await Unread(context, serviceId, userId, after, newestFirst: false).Take(limit).ToListAsync(cancellationToken);
    }

    /// <summary>Unread notifying actions after <paramref name="after"/>, newest first (the email pusher: recent ones matter, missing some is fine).</summary>
    public async Task<IReadOnlyList<PushedAction>> UnreadNewestFirstAsync(Guid serviceId, string userId, long after, int limit, CancellationToken cancellationToken)
    {
        await using var context = database.CreateContext();
        return await Unread(context, serviceId, userId, after, newestFirst: true).Take(limit).ToListAsync(cancellationToken);
    }

    /// <summary>How many notifying actions the user has not read: the badge.</summary>
    public async Task<int> UnreadCountAsync(Guid serviceId, string userId, CancellationToken cancellationToken)
    {
        await using var context = database.CreateContext();
        return await context.PushActions.AsNoTracking()
            .Where(a => a.ServiceId == serviceId && a.UserId == userId && a.Notify)
            .Where(a => !context.Set<PushReceiptRecord>().Any(r => r.ServiceId == serviceId && r.UserId == userId && r.RoomId == a.RoomId && r.StreamOrdering >= a.StreamOrdering))
            .CountAsync(cancellationToken);
    }

    /// <summary>The user's latest action after <paramref name="after"/>, read or not, or null.</summary>
    public async Task<long?> LatestActionAfterAsync(Guid serviceId, string userId, long after, CancellationToken cancellationToken)
    {
        await using var context = database.CreateContext();
        return await context.PushActions.AsNoTracking()
            .Where(a => a.ServiceId == serviceId && a.UserId == userId && a.StreamOrdering > after)
            .OrderByDescending(a => a.StreamOrdering)
            .Select(a => (long?)a.StreamOrdering)
            .FirstOrDefaultAsync(cancellationToken);
    }

    private static IQueryable<PushedAction> Unread(HeraldDbContext context, Guid serviceId, string userId, long after, bool newestFirst)
    {
        var joined =
            from a in context.PushActions.AsNoTracking()
            where a.ServiceId == serviceId && a.UserId == userId && a.StreamOrdering > after && a.Notify
            where !context.Set<PushReceiptRecord>().Any(r => r.ServiceId == serviceId && r.UserId == userId && r.RoomId == a.RoomId && r.StreamOrdering >= a.StreamOrdering)
            join e in context.PushEvents.AsNoTracking() on new { a.ServiceId, a.StreamOrdering } equals new { e.ServiceId, e.StreamOrdering }
            select new { a, e };
        joined = newestFirst ? joined.OrderByDescending(x => x.a.StreamOrdering) : joined.OrderBy(x => x.a.StreamOrdering);
        return joined.Select(x => new PushedAction(
            x.a.StreamOrdering, x.a.RoomId, x.a.Highlight, x.a.Tweaks, x.e.EventId, x.e.Type, x.e.Sender, x.e.SenderDisplayName, x.e.RoomName, x.e.Content, x.e.ReceivedTs));
    }
}
