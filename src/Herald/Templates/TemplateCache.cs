using Herald.Storage;
using Microsoft.EntityFrameworkCore;

namespace Herald.Templates;

/// <summary>
/// A template's current version for sending, cached for <see cref="CacheFor"/> so that a busy
/// template is not read on every request. An update through this process's admin API takes
/// effect at once; on other nodes within <see cref="CacheFor"/>.
/// </summary>
public sealed class TemplateCache
{
    public static readonly TimeSpan CacheFor = TimeSpan.FromSeconds(5);

    /// <summary>Most template versions kept for delivery; past this the cache starts again empty.</summary>
    private const int MaxVersions = 10_000;

    private readonly HeraldDatabase _database;
    private readonly SharedLoadCache<Guid, CurrentTemplateVersion?> _current;
    private readonly SharedLoadCache<(Guid TemplateId, int Version), TemplateVersionRecord> _versions;

    public TemplateCache(HeraldDatabase database, TimeProvider time)
    {
        _database = database;
        _current = new(LoadCurrentAsync, CacheFor, time);

        // A version never changes once written, so it is kept instead of read for every notification.
        _versions = new(LoadVersionAsync, Timeout.InfiniteTimeSpan, time, MaxVersions);
    }

    /// <summary>The template and its current version, or null when the service has no such live template.</summary>
    public async Task<(TemplateRecord Template, TemplateVersionRecord Version)?> FindForSendAsync(Guid serviceId, Guid templateId, CancellationToken cancellationToken) =>
        await _current.GetAsync(templateId, cancellationToken) is { } found && found.Template.ServiceId == serviceId ? (found.Template, found.Version) : null;

    /// <summary>One version of a template, for delivery.</summary>
    public ValueTask<TemplateVersionRecord> FindVersionAsync(Guid templateId, int version, CancellationToken cancellationToken) =>
        _versions.GetAsync((templateId, version), cancellationToken);

    public void Invalidate(Guid templateId) => _current.Invalidate(templateId);

    private async Task<CurrentTemplateVersion?> LoadCurrentAsync(Guid templateId, CancellationToken cancellationToken)
    {
        await using var context = _database.CreateContext();
        return await CurrentTemplateVersion.Query(context, context.Templates.AsNoTracking().Where(t => t.Id == templateId && !t.Archived))
            .FirstOrDefaultAsync(cancellationToken);
    }

    private async Task<TemplateVersionRecord> LoadVersionAsync((Guid TemplateId, int Version) key, CancellationToken cancellationToken)
    {
        await using var context = _database.CreateContext();
        return await context.TemplateVersions.AsNoTracking().FirstAsync(v => v.TemplateId == key.TemplateId && v.Version == key.Version, cancellationToken);
    }
}
