using System.Collections.Concurrent;
using Herald.Storage;
using Microsoft.EntityFrameworkCore;

namespace Herald.Templates;

/// <summary>
/// A template's current version for sending, cached for <see cref="CacheFor"/> so that a busy
/// template is not read on every request. An update through this process's admin API takes
/// effect at once; on other nodes within <see cref="CacheFor"/>.
/// </summary>
public sealed class TemplateCache(HeraldDatabase database, TimeProvider time)
{
    public static readonly TimeSpan CacheFor = TimeSpan.FromSeconds(5);

    /// <summary>Most template versions kept for delivery; past this the cache starts again empty.</summary>
    private const int MaxVersions = 10_000;

    private readonly ConcurrentDictionary<Guid, (DateTimeOffset Expires, TemplateRecord? Template, TemplateVersionRecord? Version)> _cache = new();
    private readonly ConcurrentDictionary<(Guid TemplateId, int Version), TemplateVersionRecord> _versions = new();

    /// <summary>The template and its current version, or null when the service has no such live template.</summary>
    public async Task<(TemplateRecord Template, TemplateVersionRecord Version)?> FindForSendAsync(Guid serviceId, Guid templateId, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        if (!_cache.TryGetValue(templateId, out var entry) || entry.Expires <= now)
        {
            await using var context = database.CreateContext();
            var found = await CurrentTemplateVersion.Query(context, context.Templates.AsNoTracking().Where(t => t.Id == templateId && !t.Archived))
                .FirstOrDefaultAsync(cancellationToken);
            entry = (now + CacheFor, found?.Template, found?.Version);
            _cache[templateId] = entry;
        }

        return entry.Template is { } template && template.ServiceId == serviceId ? (template, entry.Version!) : null;
    }

    /// <summary>
    /// One version of a template, for delivery. A version never changes once written, so it is
    /// kept (up to <see cref="MaxVersions"/>) instead of read for every notification.
    /// </summary>
    public async Task<TemplateVersionRecord> FindVersionAsync(Guid templateId, int version, CancellationToken cancellationToken)
    {
        if (_versions.TryGetValue((templateId, version), out var found))
        {
            return found;
        }

        await using var context = database.CreateContext();
        found = await context.TemplateVersions.AsNoTracking().FirstAsync(v => v.TemplateId == templateId && v.Version == version, cancellationToken);
        if (_versions.Count >= MaxVersions)
        {
            _versions.Clear();
        }

        _versions[(templateId, version)] = found;
        return found;
    }

    public void Invalidate(Guid templateId) => _cache.TryRemove(templateId, out _);
}
