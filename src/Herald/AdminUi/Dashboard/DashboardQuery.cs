using Herald.Facts;
using Herald.Notifications;
using Herald.Retention;
using Herald.Services;
using Herald.Storage;
using Herald.Templates;
using Microsoft.EntityFrameworkCore;

namespace Herald.AdminUi.Dashboard;

/// <summary>The dashboard's figures: notifications created in the last seven UTC days (archived ones too), per service, channel, status and day.</summary>
public sealed class DashboardQuery(HeraldDatabase database, TimeProvider time)
{
    public const int Days = 7;

    public async Task<DashboardFigures> LoadAsync(CancellationToken cancellationToken)
    {
        var today = time.GetUtcNow().UtcDateTime.Date;
        var first = today.AddDays(1 - Days);
        await using var context = database.CreateContext();
        var services = await context.Services.AsNoTracking().OrderBy(s => s.Name).Select(s => new { s.Id, s.Name }).ToListAsync(cancellationToken);
        // Days the nightly facts have counted are read from them (they include notifications
        // already archived); the others, today always among them, are counted live.
        var (firstDay, todayDay) = (DateOnly.FromDateTime(first), DateOnly.FromDateTime(today));
        var counts = (await context.NotificationFacts.AsNoTracking()
                .Where(f => f.Day >= firstDay && f.Day < todayDay)
                .GroupBy(f => new { f.Day, f.ServiceId, f.Type, f.Status })
                .Select(g => new { g.Key.Day, g.Key.ServiceId, g.Key.Type, g.Key.Status, Count = g.Sum(f => f.Count) })
                .ToListAsync(cancellationToken))
            .Select(f => new DashboardCount(f.ServiceId, f.Type, f.Status, f.Day.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc), f.Count))
            .ToList();
        var counted = counts.Select(c => c.Day).ToHashSet();
        for (var day = first; day <= today; day = day.AddDays(1))
        {
            if (!counted.Contains(day))
            {
                counts.AddRange(await LiveAsync(context, day, cancellationToken));
            }
        }

        var days = Enumerable.Range(0, Days).Select(i => DateOnly.FromDateTime(first.AddDays(i))).ToList();
        var byService = counts.ToLookup(c => c.ServiceId);
        return new DashboardFigures(days, [.. services.Select(s => new ServiceFigures(s.Id, s.Name, [.. byService[s.Id]]))]);
    }

    /// <summary>
    /// One day from both tables. The hot table's count runs over a range of its (created_at, id,
    /// service_id, type, status) index: grouping by the day inside the database would compute it
    /// for every row (on SQLite, by formatting text), which costs more than the counting.
    /// </summary>
    private static async Task<List<DashboardCount>> LiveAsync(HeraldDbContext context, DateTime day, CancellationToken cancellationToken)
    {
        var end = day.AddDays(1);
        var hot = await context.Notifications.AsNoTracking()
            .Where(n => n.CreatedAt >= day && n.CreatedAt < end)
            .GroupBy(n => new { n.ServiceId, n.Type, n.Status })
            .Select(g => new DashboardCount(g.Key.ServiceId, g.Key.Type, g.Key.Status, day, g.Count()))
            .ToListAsync(cancellationToken);
        var archived = await context.NotificationHistory.AsNoTracking()
            .Where(n => n.CreatedAt >= day && n.CreatedAt < end)
            .GroupBy(n => new { n.ServiceId, n.Type, n.Status })
            .Select(g => new DashboardCount(g.Key.ServiceId, g.Key.Type, g.Key.Status, day, g.Count()))
            .ToListAsync(cancellationToken);
        return [.. hot, .. archived];
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
