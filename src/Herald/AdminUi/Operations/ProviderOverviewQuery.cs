using Herald.Providers.Instances;
using Herald.Storage;
using Microsoft.EntityFrameworkCore;

namespace Herald.AdminUi.Operations;

/// <summary>
/// The providers page's figures: every instance (from <see cref="ProviderAdministration"/>) with its
/// failed calls in the last minute, and the latest changes of all instances, who made them and why.
/// </summary>
public sealed class ProviderOverviewQuery(ProviderAdministration providers, HeraldDatabase database, TimeProvider time)
{
    /// <summary>The window the error count covers: the same minute the error-rate shift reads by default.</summary>
    public static readonly TimeSpan ErrorWindow = TimeSpan.FromMinutes(1);

    public const int HistoryShown = 30;

    public async Task<ProviderOverview> LoadAsync(CancellationToken cancellationToken)
    {
        var instances = await providers.ListAsync(cancellationToken);
        var since = ProviderErrorCounter.BucketOf(time.GetUtcNow() - ErrorWindow);
        await using var context = database.CreateContext();
        var errors = await context.ProviderErrorCounts.AsNoTracking()
            .Where(c => c.Bucket >= since)
            .GroupBy(c => c.ProviderId)
            .Select(g => new { ProviderId = g.Key, Errors = g.Sum(c => c.Count) })
            .ToDictionaryAsync(c => c.ProviderId, c => c.Errors, cancellationToken);
        var history = await context.ProviderInstanceVersions.AsNoTracking()
            .OrderByDescending(v => v.ChangedAt).ThenByDescending(v => v.Version)
            .Take(HistoryShown)
            .ToListAsync(cancellationToken);
        var names = instances.ToDictionary(i => i.Id, i => (i.Name, i.Channel));
        return new ProviderOverview(
            [.. instances.Select(i => new ProviderRow(i, errors.GetValueOrDefault(i.Id)))],
            [.. history.Select(v => new ProviderChange(
                names.TryGetValue(v.ProviderId, out var n) ? n.Name : v.ProviderId.ToString(), names.TryGetValue(v.ProviderId, out var c) ? c.Channel : "",
                v.Version, new DateTimeOffset(DateTime.SpecifyKind(v.ChangedAt, DateTimeKind.Utc)), v.ChangedBy, v.Kind, v.Priority, v.Active, v.Reason))]);
    }
}

public sealed record ProviderRow(ProviderResponse Instance, int RecentErrors);

public sealed record ProviderChange(string Provider, string Channel, int Version, DateTimeOffset ChangedAt, string ChangedBy, string Kind, int Priority, bool Active, string Reason);

public sealed record ProviderOverview(IReadOnlyList<ProviderRow> Instances, IReadOnlyList<ProviderChange> History);
