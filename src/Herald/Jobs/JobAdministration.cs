using Herald.Notifications;
using Herald.Services;
using Herald.NotifyFormat;
using Herald.Storage;
using Herald.Templates;
using Microsoft.EntityFrameworkCore;

namespace Herald.Jobs;

/// <summary>A service's jobs for the admin API (and UI): list, show with counts, cancel, the original file.</summary>
public sealed class JobAdministration(HeraldDatabase database, TimeProvider time, ILogger<JobAdministration> logger)
{
    public const int PageSize = 50;

    /// <summary>Latest first, by keyset: <paramref name="olderThan"/> is the last job of the page before.</summary>
    public async Task<(IReadOnlyList<JobResponse> Jobs, Guid? Older)> ListAsync(Guid serviceId, Guid? olderThan, int limit, CancellationToken cancellationToken)
    {
        await using var context = database.CreateContext();
        await RequireServiceAsync(context, serviceId, cancellationToken);
        var query = context.Jobs.AsNoTracking().Where(j => j.ServiceId == serviceId);
        if (olderThan is { } older)
        {
            var from = await context.Jobs.AsNoTracking().Where(j => j.Id == older && j.ServiceId == serviceId).Select(j => (DateTime?)j.CreatedAt).FirstOrDefaultAsync(cancellationToken)
                ?? throw NotifyApiException.Validation(["older_than is not a job of this service"]);
            query = query.Where(j => j.CreatedAt < from || (j.CreatedAt == from && j.Id.CompareTo(older) < 0));
        }

        var rows = await Summaries(query.OrderByDescending(j => j.CreatedAt).ThenByDescending(j => j.Id)).Take(limit + 1).ToListAsync(cancellationToken);
        var page = rows.Take(limit).Select(r => Response(r, null)).ToList();
        return (page, rows.Count > limit ? page[^1].Id : null);
    }

    public async Task<JobResponse> FindAsync(Guid serviceId, Guid jobId, CancellationToken cancellationToken)
    {
        await using var context = database.CreateContext();
        var job = await Summaries(context.Jobs.AsNoTracking().Where(j => j.Id == jobId && j.ServiceId == serviceId)).FirstOrDefaultAsync(cancellationToken)
            ?? throw NotifyApiException.NotFound();
        return Response(job, await CountAsync(context, jobId, cancellationToken));
    }

    /// <summary>Stops a job not yet finished: a scheduled or pending one never starts, one in progress makes no further rows.</summary>
    public async Task<JobResponse> CancelAsync(Guid serviceId, Guid jobId, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().UtcDateTime;
        await using (var context = database.CreateContext())
        {
            var cancelled = await context.Jobs
                .Where(j => j.Id == jobId && j.ServiceId == serviceId
                    && (j.Status == JobStatus.Pending || j.Status == JobStatus.Scheduled || j.Status == JobStatus.InProgress))
                .ExecuteUpdateAsync(s => s.SetProperty(j => j.Status, JobStatus.Cancelled).SetProperty(j => j.UpdatedAt, now).SetProperty(j => j.FinishedAt, now), cancellationToken);
            if (cancelled == 0)
            {
                var status = await context.Jobs.Where(j => j.Id == jobId && j.ServiceId == serviceId).Select(j => j.Status).FirstOrDefaultAsync(cancellationToken)
                    ?? throw NotifyApiException.NotFound();
                throw NotifyApiException.BadRequest($"The job is {status}: only a pending, scheduled or in progress job can be cancelled");
            }
        }

        var job = await FindAsync(serviceId, jobId, cancellationToken);
        Log.Cancelled(logger, jobId, job.RowsProcessed, job.RowCount);
        return job;
    }

    /// <summary>The file as uploaded, and its name.</summary>
    public async Task<(string Name, string Csv)> FileAsync(Guid serviceId, Guid jobId, CancellationToken cancellationToken)
    {
        await using var context = database.CreateContext();
        var file = await context.Jobs.AsNoTracking().Where(j => j.Id == jobId && j.ServiceId == serviceId).Select(j => new { j.Name, j.Csv }).FirstOrDefaultAsync(cancellationToken)
            ?? throw NotifyApiException.NotFound();
        return (file.Name, file.Csv);
    }

    /// <summary>
    /// Counted by status over the (job_id, status) index, never by loading rows; a job's
    /// notifications are counted while they are kept (not yet archived).
    /// </summary>
    public static async Task<JobStatistics> CountAsync(HeraldDbContext context, Guid jobId, CancellationToken cancellationToken)
    {
        var counts = await context.Notifications.AsNoTracking()
            .Where(n => n.JobId == jobId)
            .GroupBy(n => n.Status)
            .Select(g => new { Status = g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.Status, g => g.Count, cancellationToken);
        int Sum(params string[] statuses) => statuses.Sum(s => counts.GetValueOrDefault(s));
        return new JobStatistics(
            Sum(NotificationStatus.Created),
            Sum(NotificationStatus.Sending, NotificationStatus.Pending, NotificationStatus.Sent),
            Sum(NotificationStatus.Delivered),
            Sum([.. NotificationStatus.Failed]),
            Sum(NotificationStatus.Cancelled));
    }

    private static async Task RequireServiceAsync(HeraldDbContext context, Guid serviceId, CancellationToken cancellationToken)
    {
        if (!await context.Services.AnyAsync(s => s.Id == serviceId, cancellationToken))
        {
            throw NotifyApiException.NotFound();
        }
    }

    /// <summary>Everything but the file, which a listing never reads.</summary>
    private static IQueryable<JobSummary> Summaries(IQueryable<JobRecord> jobs) => jobs.Select(j => new JobSummary(
        j.Id, j.ServiceId, j.TemplateId, j.TemplateVersion, j.Type, j.Name, j.Status, j.RowCount, j.RowsProcessed, j.ScheduledFor, j.CreatedAt, j.StartedAt, j.FinishedAt, j.Error));

    internal static JobResponse Response(JobRecord j, JobStatistics? statistics) => Response(new JobSummary(
        j.Id, j.ServiceId, j.TemplateId, j.TemplateVersion, j.Type, j.Name, j.Status, j.RowCount, j.RowsProcessed, j.ScheduledFor, j.CreatedAt, j.StartedAt, j.FinishedAt, j.Error), statistics);

    private static JobResponse Response(JobSummary j, JobStatistics? statistics) => new(
        j.Id, j.ServiceId, j.TemplateId, j.TemplateVersion, j.Type.ApiName(), j.Name, j.Status, j.RowCount, j.RowsProcessed,
        ApiTime.Format(j.ScheduledFor), ApiTime.Format(j.CreatedAt), ApiTime.Format(j.StartedAt), ApiTime.Format(j.FinishedAt), j.Error, statistics);

    private sealed record JobSummary(
        Guid Id, Guid ServiceId, Guid TemplateId, int TemplateVersion, TemplateType Type, string Name, string Status, int RowCount, int RowsProcessed,
        DateTime? ScheduledFor, DateTime CreatedAt, DateTime? StartedAt, DateTime? FinishedAt, string? Error);
}
