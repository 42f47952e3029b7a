using Herald.Storage;
using Microsoft.EntityFrameworkCore;

namespace Herald.Services;

/// <summary>
/// Looks up services for authentication and sending, caching each for a few seconds so that a
/// busy service is not read from the database on every request. Changes made through this
/// process's admin API take effect at once; on other nodes within <see cref="CacheFor"/>.
/// </summary>
public sealed class ServiceDirectory
{
    public static readonly TimeSpan CacheFor = TimeSpan.FromSeconds(5);

    private readonly HeraldDatabase _database;
    private readonly ApiKeySecrets _secrets;
    private readonly SharedLoadCache<Guid, ServiceSnapshot?> _cache;

    public ServiceDirectory(HeraldDatabase database, ApiKeySecrets secrets, TimeProvider time)
    {
        _database = database;
        _secrets = secrets;
        _cache = new(LoadAsync, CacheFor, time);
    }

    public ValueTask<ServiceSnapshot?> FindAsync(Guid serviceId, CancellationToken cancellationToken) =>
        _cache.GetAsync(serviceId, cancellationToken);

    public void Invalidate(Guid serviceId) => _cache.Invalidate(serviceId);

    private async Task<ServiceSnapshot?> LoadAsync(Guid serviceId, CancellationToken cancellationToken)
    {
        await using var context = _database.CreateContext();
        var service = await context.Services.AsNoTracking().FirstOrDefaultAsync(s => s.Id == serviceId, cancellationToken);
        if (service is null)
        {
            return null;
        }

        var keys = await context.ApiKeys.AsNoTracking().Where(k => k.ServiceId == serviceId).ToListAsync(cancellationToken);
        var recipients = await context.ServiceRecipients.AsNoTracking().Where(r => r.ServiceId == serviceId)
            .Select(r => r.NormalisedTo).ToListAsync(cancellationToken);
        var callbackKinds = await context.ServiceCallbacks.AsNoTracking().Where(c => c.ServiceId == serviceId)
            .Select(c => c.Kind).ToListAsync(cancellationToken);
        return new ServiceSnapshot(
            service,
            [.. keys.Select(k => new ServiceKeySnapshot(k.Id, k.Name, k.KeyType, _secrets.UnprotectForSigning(k.ProtectedSecret), k.RevokedAt is not null))],
            recipients.ToHashSet(StringComparer.Ordinal),
            callbackKinds.ToHashSet(StringComparer.Ordinal));
    }
}
