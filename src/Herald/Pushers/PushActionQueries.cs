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
