using Herald.Notifications;
using Herald.Services;
using Herald.Storage;
using Herald.Templates;
using Microsoft.EntityFrameworkCore;

namespace Herald.AdminUi.Dashboard;

/// <summary>The dashboard's figures: notifications created in the last seven UTC days, per service, channel, status and day.</summary>
public sealed class DashboardQuery(HeraldDatabase database, TimeProvider time)
{
    public const int Days = 7;

    public async Task<DashboardFigures> LoadAsync(CancellationToken cancellationToken)
    {
        var today = time.GetUtcNow().UtcDateTime.Date;
        var first = today.AddDays(1 - Days);
        await using var context = database.CreateContext();
        var services = await context.Services.AsNoTracking().OrderBy(s => s.Name).Select(s => new { s.Id, s.Name }).ToListAsync(cancellationToken);
        // A query per day over a range of the (created_at, id, service_id, type, status) index:
        // grouping by the day inside the database would compute it for every row (on SQLite, by
        // formatting text), which costs more than the counting.
        var counts = new List<DashboardCount>();
        for (var day = first; day <= today; day = day.AddDays(1))
        {
            var (start, end) = (day, day.AddDays(1));
            counts.AddRange(await context.Notifications.AsNoTracking()
                .Where(n => n.CreatedAt >= start && n.CreatedAt < end)
                .GroupBy(n => new { n.ServiceId, n.Type, n.Status })
                .Select(g => new DashboardCount(g.Key.ServiceId, g.Key.Type, g.Key.Status, start, g.Count()))
                .ToListAsync(cancellationToken));
        }

        var days = Enumerable.Range(0, Days).Select(i => DateOnly.FromDateTime(first.AddDays(i))).ToList();
        var byService = counts.ToLookup(c => c.ServiceId);
        return new DashboardFigures(days, [.. services.Select(s => new ServiceFigures(s.Id, s.Name, [.. byService[s.Id]]))]);
    }
}

public sealed record DashboardCount(Guid ServiceId, TemplateType Channel, string Status, DateTime Day, int Count);

public sealed record ServiceFigures(Guid ServiceId, string Name, IReadOnlyList<DashboardCount> Counts)
{
    public int Total(TemplateType channel) => Counts.Where(c => c.Channel == channel).Sum(c => c.Count);

    public int Total(TemplateType channel, StatusGroup group) =>
        Counts.Where(c => c.Channel == channel && StatusGroups.Of(c.Status) == group).Sum(c => c.Count);

    public int Count(TemplateType channel, StatusGroup group, DateOnly day) =>
        Counts.Where(c => c.Channel == channel && StatusGroups.Of(c.Status) == group && DateOnly.FromDateTime(c.Day) == day).Sum(c => c.Count);
}

public sealed record DashboardFigures(IReadOnlyList<DateOnly> Days, IReadOnlyList<ServiceFigures> Services);
