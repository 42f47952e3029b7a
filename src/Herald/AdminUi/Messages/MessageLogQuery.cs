using System.Globalization;
using Herald.AdminUi.Dashboard;
using Herald.Notifications;
using Herald.Search;
using Herald.Services;
using Herald.Storage;
using Herald.Templates;
using Microsoft.EntityFrameworkCore;

namespace Herald.AdminUi.Messages;

/// <summary>
/// The message log: every service's notifications, newest first, a page at a time by keyset
/// (created_at, id) so that a page deep in the log costs what the first does, and no count query.
/// </summary>
public sealed class MessageLogQuery(HeraldDatabase database, NotificationSearch search)
{
    public const int PageSize = 50;

    public async Task<MessageLogPage> PageAsync(MessageLogFilter filter, CancellationToken cancellationToken)
    {
        await using var context = database.CreateContext();
        var query = context.Notifications.AsNoTracking();
        if (filter.ServiceId is { } serviceId)
        {
            query = query.Where(n => n.ServiceId == serviceId);
        }

        if (filter.Channel is { } channel)
        {
            query = query.Where(n => n.Type == channel);
        }

        if (filter.Status is { } group)
        {
            var statuses = StatusGroups.Members(group);
            query = query.Where(n => statuses.Contains(n.Status));
        }

        if (filter.Before is { } before)
        {
            query = query.Where(n => n.CreatedAt < before.CreatedAt || (n.CreatedAt == before.CreatedAt && n.Id.CompareTo(before.Id) < 0));
        }

        // One row more than a page says whether there is an older page.
        var rows = await query.OrderByDescending(n => n.CreatedAt).ThenByDescending(n => n.Id).Take(PageSize + 1)
            .Select(n => new MessageLogRow(n.Id, n.ServiceId, n.TemplateId, n.TemplateVersion, n.Type, n.KeyType, n.To, n.Reference, n.Status, n.CreatedAt))
            .ToListAsync(cancellationToken);
        var older = rows.Count > PageSize ? MessageLogCursor.After(rows[PageSize - 1]) : null;
        return new MessageLogPage(await NamedAsync(context, [.. rows.Take(PageSize)], cancellationToken), older);
    }

    /// <summary>The log's rows for a search by recipient or reference (<see cref="NotificationSearch"/>), with its own paging by notification id.</summary>
    public async Task<(IReadOnlyList<MessageLogRow> Rows, Guid? OlderThan)> SearchAsync(Guid? serviceId, SearchTerms terms, Guid? olderThan, CancellationToken cancellationToken)
    {
        var found = await search.SearchAsync(serviceId, terms, olderThan, cancellationToken);
        await using var context = database.CreateContext();
        var rows = found.Rows.Select(r => new MessageLogRow(r.Id, r.ServiceId, r.TemplateId, r.TemplateVersion, r.Channel, r.KeyType, r.To, r.Reference, r.Status, r.CreatedAt)).ToList();
        return (await NamedAsync(context, rows, cancellationToken), found.OlderThan);
    }

    private static async Task<IReadOnlyList<MessageLogRow>> NamedAsync(HeraldDbContext context, IReadOnlyList<MessageLogRow> page, CancellationToken cancellationToken)
    {
        var templateIds = page.Select(r => r.TemplateId).Distinct().ToList();
        var templateNames = (await context.TemplateVersions.AsNoTracking().Where(v => templateIds.Contains(v.TemplateId))
                .Select(v => new { v.TemplateId, v.Version, v.Name }).ToListAsync(cancellationToken))
            .ToDictionary(v => (v.TemplateId, v.Version), v => v.Name);
        var services = await ServicesAsync(context, cancellationToken);
        return [.. page.Select(r => r with
        {
            ServiceName = services.GetValueOrDefault(r.ServiceId, "?"),
            TemplateName = templateNames.GetValueOrDefault((r.TemplateId, r.TemplateVersion), "?"),
        })];
    }

    public async Task<IReadOnlyDictionary<Guid, string>> ServicesAsync(CancellationToken cancellationToken)
    {
        await using var context = database.CreateContext();
        return await ServicesAsync(context, cancellationToken);
    }

    private static async Task<Dictionary<Guid, string>> ServicesAsync(HeraldDbContext context, CancellationToken cancellationToken) =>
        await context.Services.AsNoTracking().ToDictionaryAsync(s => s.Id, s => s.Name, cancellationToken);
}

public sealed record MessageLogFilter(Guid? ServiceId, TemplateType? Channel, StatusGroup? Status, MessageLogCursor? Before);

public sealed record MessageLogRow(
    Guid Id, Guid ServiceId, Guid TemplateId, int TemplateVersion, TemplateType Channel, KeyType KeyType, string To, string? Reference, string Status, DateTime CreatedAt)
{
    public string ServiceName { get; init; } = "";

    public string TemplateName { get; init; } = "";
}

public sealed record MessageLogPage(IReadOnlyList<MessageLogRow> Rows, MessageLogCursor? Older);

/// <summary>Where an older page starts: after the last row shown, written <c>{created_at ticks}_{id}</c> in the address.</summary>
public sealed record MessageLogCursor(DateTime CreatedAt, Guid Id)
{
    public static MessageLogCursor After(MessageLogRow row) => new(row.CreatedAt, row.Id);

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{CreatedAt.Ticks}_{Id:N}");

    public static MessageLogCursor? Parse(string text)
    {
        var parts = text.Split('_');
        return parts.Length == 2
            && long.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var ticks) && ticks <= DateTime.MaxValue.Ticks
            && Guid.TryParseExact(parts[1], "N", out var id)
            ? new MessageLogCursor(new DateTime(ticks, DateTimeKind.Utc), id)
            : null;
    }
}
