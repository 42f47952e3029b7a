using Herald.Notifications;
using Herald.Queue;
using Herald.Queue.Periodic;
using Herald.Retention;
using Herald.Services;
using Herald.Storage;
using Herald.Templates;
using Microsoft.EntityFrameworkCore;

namespace Herald.Facts;

/// <summary>
/// Rebuilds the daily facts of the last <see cref="DaysRebuilt"/> UTC days before today from the
/// hot table and history together (a periodic task at 00:30 UTC, once cluster-wide): statuses
/// still change for a few days after a notification is created, and a day is replaced whole, in
/// one transaction, so a reader sees the old day or the new one.
/// </summary>
public sealed partial class FactsBuilder(HeraldDatabase database, TimeProvider time, ILogger<FactsBuilder> logger) : IQueueHandler
{
    public const string KindName = "facts.rebuild";

    public const int DaysRebuilt = 4;

    public static readonly PeriodicTask Schedule = new("facts.rebuild", "30 0 * * *", KindName);

    public string Kind => KindName;

    public async Task<QueueHandlerResult> HandleAsync(QueueItem item, CancellationToken cancellationToken)
    {
        var today = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
        for (var back = DaysRebuilt; back >= 1; back--)
        {
            await RebuildAsync(today.AddDays(-back), cancellationToken);
        }

        return QueueHandlerResult.Completed;
    }

    public async Task<int> RebuildAsync(DateOnly day, CancellationToken cancellationToken)
    {
        var counts = await CountAsync(database, day, cancellationToken);
        await using var context = database.CreateContext();
        await using var transaction = await context.Database.BeginTransactionAsync(cancellationToken);
        await context.NotificationFacts.Where(f => f.Day == day).ExecuteDeleteAsync(cancellationToken);
        context.NotificationFacts.AddRange(counts);
        await context.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        LogRebuilt(logger, day, counts.Count, counts.Sum(c => c.Count));
        return counts.Count;
    }

    /// <summary>A day's counts from both tables (a notification is in exactly one of them), as facts; also today's, live.</summary>
    public static async Task<List<NotificationFactRecord>> CountAsync(HeraldDatabase database, DateOnly day, CancellationToken cancellationToken)
    {
        var (start, end) = (day.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc), day.AddDays(1).ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc));
        await using var context = database.CreateContext();
        var hot = await context.Notifications.AsNoTracking()
            .Where(n => n.CreatedAt >= start && n.CreatedAt < end)
            .GroupBy(n => new { n.ServiceId, n.TemplateId, JobId = n.JobId ?? Guid.Empty, n.Type, n.KeyType, n.Status })
            .Select(g => new Counted(g.Key.ServiceId, g.Key.TemplateId, g.Key.JobId, g.Key.Type, g.Key.KeyType, g.Key.Status, g.Count()))
            .ToListAsync(cancellationToken);
        var archived = await context.NotificationHistory.AsNoTracking()
            .Where(n => n.CreatedAt >= start && n.CreatedAt < end)
            .GroupBy(n => new { n.ServiceId, n.TemplateId, JobId = n.JobId ?? Guid.Empty, n.Type, n.KeyType, n.Status })
            .Select(g => new Counted(g.Key.ServiceId, g.Key.TemplateId, g.Key.JobId, g.Key.Type, g.Key.KeyType, g.Key.Status, g.Count()))
            .ToListAsync(cancellationToken);
        return [.. hot.Concat(archived)
            .GroupBy(c => (c.ServiceId, c.TemplateId, c.JobId, c.Type, c.KeyType, c.Status))
            .Select(g => new NotificationFactRecord
            {
                Day = day, ServiceId = g.Key.ServiceId, TemplateId = g.Key.TemplateId, JobId = g.Key.JobId, Type = g.Key.Type, KeyType = g.Key.KeyType, Status = g.Key.Status,
                Count = g.Sum(c => c.Count),
            })];
    }

    private sealed record Counted(Guid ServiceId, Guid TemplateId, Guid JobId, TemplateType Type, KeyType KeyType, string Status, int Count);

    [LoggerMessage(9611, LogLevel.Information, "Facts of {Day} rebuilt: {Rows} rows counting {Notifications} notifications")]
    private static partial void LogRebuilt(ILogger logger, DateOnly day, int rows, int notifications);
}
