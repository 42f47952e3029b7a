using Herald.Notifications;
using Herald.NotifyFormat;
using Herald.Services;
using Herald.Storage;
using Herald.Templates;
using Microsoft.EntityFrameworkCore;

namespace Herald.Facts;

/// <summary>
/// A service's figures over its last N UTC days: the days before today from the facts (so they
/// still count notifications archived to history), today live from the hot table. Test-key
/// notifications are left out, as in Notify.
/// </summary>
public sealed class ServiceStatistics(HeraldDatabase database, TimeProvider time)
{
    public const int MaxDays = 90;

    public async Task<StatisticsResponse> ByChannelAsync(Guid serviceId, int days, CancellationToken cancellationToken)
    {
        var counts = await CountsAsync(serviceId, days, cancellationToken);
        return new StatisticsResponse(new ChannelStatistics(Channel(counts, TemplateType.Email), Channel(counts, TemplateType.Sms)));
    }

    public async Task<TemplateStatisticsResponse> ByTemplateAsync(Guid serviceId, int days, CancellationToken cancellationToken)
    {
        var counts = await CountsAsync(serviceId, days, cancellationToken);
        await using var context = database.CreateContext();
        var ids = counts.Select(c => c.TemplateId).Distinct().ToList();
        var names = await context.Templates.AsNoTracking().Where(t => ids.Contains(t.Id)).ToDictionaryAsync(t => t.Id, t => t.Name, cancellationToken);
        return new TemplateStatisticsResponse([.. counts.GroupBy(c => (c.TemplateId, c.Type))
            .Select(g => new TemplateStatistics(g.Key.TemplateId, names.GetValueOrDefault(g.Key.TemplateId, ""), g.Key.Type.ApiName(), g.Sum(c => c.Count)))
            .OrderByDescending(t => t.Count).ThenBy(t => t.TemplateName, StringComparer.Ordinal)]);
    }

    /// <summary>When a template was last used: the newest of the hot table's notifications and the facts' days, so right for one last used long ago.</summary>
    public async Task<LastUsedResponse> LastUsedAsync(Guid serviceId, Guid templateId, CancellationToken cancellationToken)
    {
        await using var context = database.CreateContext();
        if (!await context.Templates.AnyAsync(t => t.Id == templateId && t.ServiceId == serviceId, cancellationToken))
        {
            throw NotifyApiException.NotFound();
        }

        var hot = await context.Notifications.AsNoTracking().Where(n => n.TemplateId == templateId && n.KeyType != KeyType.Test)
            .MaxAsync(n => (DateTime?)n.CreatedAt, cancellationToken);
        var fact = await context.NotificationFacts.AsNoTracking().Where(f => f.TemplateId == templateId && f.KeyType != KeyType.Test)
            .MaxAsync(f => (DateOnly?)f.Day, cancellationToken);
        var fromFacts = fact?.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
        var last = hot is null ? fromFacts : fromFacts is null || hot > fromFacts ? hot : fromFacts;
        return new LastUsedResponse(ApiTime.Format(last));
    }

    public static int ParseDays(string? text) =>
        string.IsNullOrEmpty(text) ? 7
        : int.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var days) && days is >= 1 and <= MaxDays ? days
        : throw NotifyApiException.Validation([$"days must be between 1 and {MaxDays}"]);

    private async Task<List<NotificationFactRecord>> CountsAsync(Guid serviceId, int days, CancellationToken cancellationToken)
    {
        var today = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
        var first = today.AddDays(1 - days);
        await using var context = database.CreateContext();
        if (!await context.Services.AnyAsync(s => s.Id == serviceId, cancellationToken))
        {
            throw NotifyApiException.NotFound();
        }

        var earlier = await context.NotificationFacts.AsNoTracking()
            .Where(f => f.ServiceId == serviceId && f.Day >= first && f.Day < today && f.KeyType != KeyType.Test)
            .ToListAsync(cancellationToken);
        var live = (await FactsBuilder.CountAsync(database, today, cancellationToken)).Where(f => f.ServiceId == serviceId && f.KeyType != KeyType.Test);
        return [.. earlier.Concat(live)];
    }

    private static StatusCounts Channel(List<NotificationFactRecord> counts, TemplateType type)
    {
        var channel = counts.Where(c => c.Type == type).ToList();
        return new StatusCounts(
            channel.Sum(c => c.Count),
            channel.Where(c => c.Status is NotificationStatus.Delivered or NotificationStatus.Sent).Sum(c => c.Count),
            channel.Where(c => NotificationStatus.Failed.Contains(c.Status)).Sum(c => c.Count));
    }
}

/// <summary>Notify's service statistics: per channel, notifications requested, delivered and failed.</summary>
public sealed record StatisticsResponse(ChannelStatistics Data);

public sealed record ChannelStatistics(StatusCounts Email, StatusCounts Sms);

public sealed record StatusCounts(int Requested, int Delivered, int Failed);

public sealed record TemplateStatisticsResponse(IReadOnlyList<TemplateStatistics> Data);

public sealed record TemplateStatistics(Guid TemplateId, string TemplateName, string TemplateType, int Count);

public sealed record LastUsedResponse(string? LastDateUsed);
