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

    private readonly ConcurrentDictionary<Guid, (DateTimeOffset Expires, TemplateRecord? Template, TemplateVersionRecord? Version)> _cache = new();

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

    public void Invalidate(Guid templateId) => _cache.TryRemove(templateId, out _);
}
