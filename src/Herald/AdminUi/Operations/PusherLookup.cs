using Herald.NotifyFormat;
using Herald.Pushers;
using Herald.Services;
using Herald.Storage;
using Microsoft.EntityFrameworkCore;

namespace Herald.AdminUi.Operations;

/// <summary>
/// A user's pushers in every service. A user id is the service's own, so the same id may name users
/// of several services; each service is asked on its own, along the (service, user) index.
/// </summary>
public sealed class PusherLookup(HeraldDatabase database, PusherAdministration pushers)
{
    /// <summary>The user's pushers; a user id that no push request could name is a <see cref="NotifyApiException"/>.</summary>
    public async Task<IReadOnlyList<UserPusher>> FindAsync(string userId, CancellationToken cancellationToken)
    {
        if (userId.Length is 0 or > PushJsonFields.MaxIdLength)
        {
            throw NotifyApiException.Validation([$"user id must be 1 to {PushJsonFields.MaxIdLength} characters"]);
        }

        if (!RequestJson.IsStorable(userId))
        {
            throw NotifyApiException.Validation([RequestJson.Unstorable("user id")]);
        }

        List<(Guid Id, string Name)> services;
        await using (var context = database.CreateContext())
        {
            services = [.. (await context.Services.AsNoTracking().OrderBy(s => s.Name).Select(s => new { s.Id, s.Name }).ToListAsync(cancellationToken)).Select(s => (s.Id, s.Name))];
        }

        var found = new List<UserPusher>();
        foreach (var (id, name) in services)
        {
            found.AddRange((await pushers.ListAsync(id, userId, cancellationToken)).Select(p => new UserPusher(name, p)));
        }

        return found;
    }
}

public sealed record UserPusher(string ServiceName, PusherRecord Pusher);
