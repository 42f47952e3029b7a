using Herald.Notifications;
using Herald.Services;
using Herald.Storage;
using Herald.Templates;
using Microsoft.EntityFrameworkCore;

namespace Herald.Api;

/// <summary>Reads notifications and received texts for the public API.</summary>
public sealed class NotificationQueries(HeraldDatabase database)
{
    public const int PageSize = 250;

    public async Task<NotificationRecord?> FindAsync(Guid serviceId, Guid id, CancellationToken cancellationToken)
    {
        await using var context = database.CreateContext();
        return await context.Notifications.AsNoTracking().FirstOrDefaultAsync(n => n.Id == id && n.ServiceId == serviceId, cancellationToken);
    }

    /// <summary>Newest first, 250 a page (creation times are 100 ns apart at most rates; rows created in the very same tick as the page's last one are skipped), only notifications sent with <paramref name="keyType"/>; an unknown <paramref name="olderThan"/> gives an empty page.</summary>
    public async Task<IReadOnlyList<NotificationRecord>> ListAsync(
        Guid serviceId, KeyType keyType, TemplateType? type, IReadOnlyList<string> statuses, string? reference, Guid? olderThan, CancellationToken cancellationToken)
    {
        await using var context = database.CreateContext();
        var query = context.Notifications.AsNoTracking().Where(n => n.ServiceId == serviceId && n.KeyType == keyType);
        if (olderThan is { } olderId)
        {
            var anchor = await context.Notifications.AsNoTracking()
                .Where(n => n.Id == olderId && n.ServiceId == serviceId)
                .Select(n => new { n.CreatedAt, n.Id })
                .FirstOrDefaultAsync(cancellationToken);
            if (anchor is null)
            {
                return [];
            }

            query = query.Where(n => n.CreatedAt < anchor.CreatedAt);
        }

        if (type is { } t)
        {
            query = query.Where(n => n.Type == t);
        }

        if (statuses.Count > 0)
        {
            query = query.Where(n => statuses.Contains(n.Status));
        }

        if (reference is not null)
        {
            query = query.Where(n => n.Reference == reference);
        }

        return await query.OrderByDescending(n => n.CreatedAt).ThenByDescending(n => n.Id).Take(PageSize).ToListAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<ReceivedTextRecord>> ReceivedTextsAsync(Guid serviceId, Guid? olderThan, CancellationToken cancellationToken)
    {
        await using var context = database.CreateContext();
        var query = context.ReceivedTexts.AsNoTracking().Where(r => r.ServiceId == serviceId);
        if (olderThan is { } olderId)
        {
            var anchor = await context.ReceivedTexts.AsNoTracking().Where(r => r.Id == olderId && r.ServiceId == serviceId)
                .Select(r => new { r.CreatedAt, r.Id }).FirstOrDefaultAsync(cancellationToken);
            if (anchor is null)
            {
                return [];
            }

            query = query.Where(r => r.CreatedAt < anchor.CreatedAt);
        }

        return await query.OrderByDescending(r => r.CreatedAt).ThenByDescending(r => r.Id).Take(PageSize).ToListAsync(cancellationToken);
    }
}
