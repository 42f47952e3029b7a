using Herald.Services;
using Herald.Storage;
using Herald.Templates;
using Microsoft.EntityFrameworkCore;

namespace Herald.AdminUi.Services;

/// <summary>What the services pages show beyond the admin API's answers: a service's keys, team and guest list, callbacks, and a template's versions.</summary>
public sealed class ServicePagesQuery(HeraldDatabase database)
{
    public async Task<IReadOnlyList<ApiKeyRow>> ListKeysAsync(Guid serviceId, CancellationToken cancellationToken)
    {
        await using var context = database.CreateContext();
        var keys = await context.ApiKeys.AsNoTracking().Where(k => k.ServiceId == serviceId)
            .Select(k => new ApiKeyRow(k.Id, k.Name, k.KeyType, k.CreatedAt, k.RevokedAt)).ToListAsync(cancellationToken);
        return [.. keys.OrderBy(k => k.RevokedAt.HasValue).ThenByDescending(k => k.CreatedAt)];
    }

    public async Task<IReadOnlyList<ServiceRecipientRecord>> ListRecipientsAsync(Guid serviceId, CancellationToken cancellationToken)
    {
        await using var context = database.CreateContext();
        var recipients = await context.ServiceRecipients.AsNoTracking().Where(r => r.ServiceId == serviceId).ToListAsync(cancellationToken);
        return [.. recipients.OrderBy(r => r.Kind).ThenBy(r => r.NormalisedTo, StringComparer.Ordinal)];
    }

    public async Task<IReadOnlyDictionary<string, ServiceCallbackRecord>> ListCallbacksAsync(Guid serviceId, CancellationToken cancellationToken)
    {
        await using var context = database.CreateContext();
        var callbacks = await context.ServiceCallbacks.AsNoTracking().Where(c => c.ServiceId == serviceId).ToListAsync(cancellationToken);
        return callbacks.ToDictionary(c => c.Kind, StringComparer.Ordinal);
    }

    public async Task<CurrentTemplateVersion?> GetTemplateAsync(Guid serviceId, Guid templateId, CancellationToken cancellationToken)
    {
        await using var context = database.CreateContext();
        return await CurrentTemplateVersion.Query(context, context.Templates.AsNoTracking().Where(t => t.Id == templateId && t.ServiceId == serviceId))
            .FirstOrDefaultAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<TemplateVersionRecord>> ListVersionsAsync(Guid templateId, CancellationToken cancellationToken)
    {
        await using var context = database.CreateContext();
        return await context.TemplateVersions.AsNoTracking().Where(v => v.TemplateId == templateId)
            .OrderByDescending(v => v.Version).ToListAsync(cancellationToken);
    }
}

public sealed record ApiKeyRow(Guid Id, string Name, KeyType KeyType, DateTime CreatedAt, DateTime? RevokedAt);
