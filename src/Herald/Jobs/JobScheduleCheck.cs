using Herald.Queue;
using Herald.Queue.Periodic;
using Herald.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Herald.Jobs;

/// <summary>
/// The periodic task (queue kind <c>jobs.check</c>, every minute, enqueued by one node per slot):
/// queues each scheduled job that is now due, and resumes each job pending or in progress whose
/// last batch is older than <see cref="JobOptions.StuckAfter"/> (its worker died and its item
/// is gone or dead), logging it.
/// </summary>
public sealed class JobScheduleCheck(HeraldDatabase database, QueueWriter queue, IOptions<JobOptions> options, TimeProvider time, ILogger<JobScheduleCheck> logger)
    : IQueueHandler
{
    public const string KindName = "jobs.check";

    public static readonly PeriodicTask Schedule = new("jobs.check", "* * * * *", KindName);

    /// <summary>Jobs started or resumed per run; more wait for the next minute.</summary>
    private const int MaxPerRun = 100;

    public string Kind => KindName;

    public async Task<QueueHandlerResult> HandleAsync(QueueItem item, CancellationToken cancellationToken)
    {
        await CheckAsync(cancellationToken);
        return QueueHandlerResult.Completed;
    }

    public async Task CheckAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var stuckBefore = now - options.Value.StuckAfter;
        await using var context = database.CreateContext();
        await using var transaction = await context.Database.BeginTransactionAsync(cancellationToken);
        var due = await context.Jobs.AsNoTracking()
            .Where(j => j.Status == JobStatus.Scheduled && j.ScheduledFor <= now)
            .OrderBy(j => j.ScheduledFor).Select(j => j.Id).Take(MaxPerRun)
            .ToListAsync(cancellationToken);
        var stuck = await context.Jobs.AsNoTracking()
            .Where(j => (j.Status == JobStatus.InProgress || j.Status == JobStatus.Pending) && j.UpdatedAt < stuckBefore)
            .OrderBy(j => j.UpdatedAt).Take(MaxPerRun)
            .Select(j => new { j.Id, j.Status, j.RowsProcessed, j.RowCount, j.UpdatedAt })
            .ToListAsync(cancellationToken);
        foreach (var job in stuck)
        {
            Log.Resumed(logger, job.Id, job.Status, job.RowsProcessed, job.RowCount, DateTime.SpecifyKind(job.UpdatedAt, DateTimeKind.Utc));
        }

        if (stuck.Count > 0)
        {
            // Touched so that a job is logged and resumed once per StuckAfter, not every minute.
            var ids = stuck.Select(j => j.Id).ToList();
            await context.Jobs.Where(j => ids.Contains(j.Id)).ExecuteUpdateAsync(s => s.SetProperty(j => j.UpdatedAt, now), cancellationToken);
        }

        var items = due.Concat(stuck.Select(j => j.Id)).Select(JobProcessor.Item).ToList();
        if (items.Count > 0)
        {
            await queue.EnqueueAsync(context, items, cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
    }
}
