using Herald.Storage;
using Microsoft.EntityFrameworkCore;
using Herald.NotifyFormat;

namespace Herald.Pushers;

/// <summary>A user's pushers: list, register (upsert by app_id + pushkey), remove.</summary>
public sealed class PusherAdministration(HeraldDatabase database, IEnumerable<IPusherKind> kinds, PusherWakeups wakeups, TimeProvider time)
{
    // A later registration for a kind replaces an earlier one (so a feature can refine the checks).
    private readonly Dictionary<string, IPusherKind> _kinds = kinds.GroupBy(k => k.Kind).ToDictionary(g => g.Key, g => g.Last());

    public async Task<IReadOnlyList<PusherRecord>> ListAsync(Guid serviceId, string userId, CancellationToken cancellationToken)
    {
        await using var context = database.CreateContext();
        return await context.Pushers.AsNoTracking()
            .Where(p => p.ServiceId == serviceId && p.UserId == userId)
            .OrderBy(p => p.CreatedTs).ThenBy(p => p.Id)
            .ToListAsync(cancellationToken);
    }

    /// <summary>
    /// Creates or updates the user's pusher for (app_id, pushkey). A new pusher starts at the
    /// service's latest stream ordering, so only later events are pushed; an updated one keeps its place.
    /// </summary>
    public async Task<(PusherRecord Pusher, bool Created)> RegisterAsync(Guid serviceId, PusherRegistration registration, CancellationToken cancellationToken)
    {
        if (!_kinds.TryGetValue(registration.Kind, out var kind))
        {
            throw NotifyApiException.Validation([$"kind {registration.Kind} is not accepted by this server"]);
        }

        var errors = await kind.ValidateAsync(registration, cancellationToken);
        if (errors.Count > 0)
        {
            throw NotifyApiException.Validation(errors);
        }

        var now = time.GetUtcNow().ToUnixTimeMilliseconds();
        await using var context = database.CreateContext();
        await using var transaction = await context.Database.BeginTransactionAsync(cancellationToken);
        var pusher = await context.Pushers.FirstOrDefaultAsync(
            p => p.ServiceId == serviceId && p.UserId == registration.UserId && p.AppId == registration.AppId && p.Pushkey == registration.Pushkey, cancellationToken);
        var created = pusher is null;
        if (pusher is null)
        {
            pusher = new PusherRecord
            {
                Id = Guid.NewGuid(),
                ServiceId = serviceId,
                UserId = registration.UserId,
                Kind = registration.Kind,
                AppId = registration.AppId,
                Pushkey = registration.Pushkey,
                Data = "{}",
                LastStreamOrdering = await PushStream.CurrentAsync(context, serviceId, cancellationToken),
                CreatedTs = now,
            };
            context.Pushers.Add(pusher);
        }

        pusher.Kind = registration.Kind;
        pusher.PushkeyTs = now;
        pusher.AppDisplayName = registration.AppDisplayName;
        pusher.DeviceDisplayName = registration.DeviceDisplayName;
        pusher.Lang = registration.Lang;
        pusher.Data = registration.Data.ToJsonString();
        pusher.Enabled = true;
        await context.SaveChangesAsync(cancellationToken);

        // An updated pusher (a new URL, re-enabled) may have work waiting.
        var wake = new PusherWake(serviceId, [registration.UserId], Receipts: false);
        if (!created)
        {
            await wakeups.PublishInTransactionAsync(context, wake, cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        if (!created)
        {
            wakeups.Committed(wake);
        }

        return (pusher, created);
    }

    /// <summary>False when the user has no such pusher.</summary>
    public async Task<bool> RemoveAsync(Guid serviceId, string userId, string appId, string pushkey, CancellationToken cancellationToken)
    {
        await using var context = database.CreateContext();
        await using var transaction = await context.Database.BeginTransactionAsync(cancellationToken);
        var removed = await context.Pushers
            .Where(p => p.ServiceId == serviceId && p.UserId == userId && p.AppId == appId && p.Pushkey == pushkey)
            .ExecuteDeleteAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return removed > 0;
    }
}
