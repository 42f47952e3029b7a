using Herald.Storage;
using Microsoft.EntityFrameworkCore;

namespace Herald.Analytics;

/// <summary>
/// The addresses each service no longer sends to: asked before every email send (concurrent
/// sends share one query), listed and lifted by operators.
/// </summary>
public sealed class SuppressionList(HeraldDatabase database)
{
    private const int MaxGroup = 500;

    private readonly GroupedCalls<(Guid ServiceId, string Address), SuppressionRecord?> _find = new(group => FindGroupAsync(database, group), MaxGroup);

    /// <summary>The suppression of this address for this service, or null when it may be sent to.</summary>
    public Task<SuppressionRecord?> FindAsync(Guid serviceId, string normalisedAddress, CancellationToken cancellationToken) =>
        _find.CallAsync((serviceId, normalisedAddress)).WaitAsync(cancellationToken);

    /// <summary>A service's suppressions, newest first, at most <paramref name="limit"/>.</summary>
    public async Task<IReadOnlyList<SuppressionRecord>> ListAsync(Guid serviceId, int limit, CancellationToken cancellationToken)
    {
        await using var context = database.CreateContext();
        return await context.Suppressions.AsNoTracking().Where(s => s.ServiceId == serviceId)
            .OrderByDescending(s => s.CreatedAt).ThenBy(s => s.Address).Take(limit).ToListAsync(cancellationToken);
    }

    /// <summary>Lifts a suppression: the address may be sent to again. False when there was none.</summary>
    public async Task<bool> LiftAsync(Guid serviceId, string normalisedAddress, CancellationToken cancellationToken)
    {
        await using var context = database.CreateContext();
        return await context.Suppressions.Where(s => s.ServiceId == serviceId && s.Address == normalisedAddress).ExecuteDeleteAsync(cancellationToken) > 0;
    }

    private static async Task<IReadOnlyList<SuppressionRecord?>> FindGroupAsync(HeraldDatabase database, IReadOnlyList<(Guid ServiceId, string Address)> group)
    {
        var addresses = group.Select(g => g.Address).Distinct().ToList();
        var services = group.Select(g => g.ServiceId).Distinct().ToList();
        await using var context = database.CreateContext();
        var found = await context.Suppressions.AsNoTracking()
            .Where(s => addresses.Contains(s.Address) && services.Contains(s.ServiceId))
            .ToListAsync(CancellationToken.None);
        return [.. group.Select(g => found.FirstOrDefault(s => s.ServiceId == g.ServiceId && s.Address == g.Address))];
    }
}
