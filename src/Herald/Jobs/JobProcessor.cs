using System.Globalization;
using Herald.Api;
using Herald.Limits;
using Herald.Notifications;
using Herald.NotifyFormat;
using Herald.Queue;
using Herald.Services;
using Herald.Storage;
using Herald.Templates;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.Options;

namespace Herald.Jobs;

/// <summary>
/// Runs a job (queue kind <c>jobs.process</c>). Starting it checks every row again and reserves
/// the whole job on the daily counters, all or nothing. Then rows become notifications a batch
/// at a time: each batch's rows, their delivery items and the job's progress commit together, and
/// the progress only moves from where this batch began and only while the job is in progress. So
/// a crash, a retried item or a second worker on the same job never makes a row twice (the unique
/// (job_id, job_row_number) index is the last word), and a cancel stops the next batch.
/// </summary>
public sealed class JobProcessor(
    HeraldDatabase database, ServiceDirectory services, TemplateCache templates, NotificationSender sender, JobValidator validator,
    DailyLimits limits, QueueWriter queue, NotificationMetrics metrics, IOptions<JobOptions> options, TimeProvider time, ILogger<JobProcessor> logger)
    : IQueueHandler
{
    public const string KindName = "jobs.process";

    public string Kind => KindName;

    /// <summary>Called after each batch commits, with the job and its progress: for tests that cancel or crash a run half-way.</summary>
    internal Func<Guid, int, Task>? BatchCommitted { get; set; }

    /// <summary>The item that starts or resumes a job; one waiting per job.</summary>
    public static NewQueueItem Item(Guid jobId) => new(KindName, jobId.ToString(), DedupKey: "job:" + jobId, Reference: jobId.ToString());

    public async Task<QueueHandlerResult> HandleAsync(QueueItem item, CancellationToken cancellationToken)
    {
        if (!Guid.TryParse(item.Payload, out var jobId))
        {
            return QueueHandlerResult.PermanentFailure("not a job id");
        }

        await ProcessAsync(jobId, cancellationToken);
        return QueueHandlerResult.Completed;
    }

    /// <summary>Starts the job if it is due, then makes its remaining rows notifications.</summary>
    public async Task ProcessAsync(Guid jobId, CancellationToken cancellationToken)
    {
        JobRecord? job;
        await using (var context = database.CreateContext())
        {
            job = await context.Jobs.AsNoTracking().FirstOrDefaultAsync(j => j.Id == jobId, cancellationToken);
        }

        if (job is null)
        {
            return;
        }

        var service = await services.FindAsync(job.ServiceId, cancellationToken);
        var template = await LoadTemplateAsync(job, cancellationToken);
        if (service is null || template is null)
        {
            await EndAsync(job, JobStatus.Error, "The service or the template no longer exists", cancellationToken);
            return;
        }

        var version = await templates.FindVersionAsync(job.TemplateId, job.TemplateVersion, cancellationToken);
        var now = time.GetUtcNow().UtcDateTime;
        if (job.Status == JobStatus.Pending || (job.Status == JobStatus.Scheduled && job.ScheduledFor <= now))
        {
            if (!await StartAsync(job, service, template, version, cancellationToken))
            {
                return;
            }

            job.Status = JobStatus.InProgress;
        }

        if (job.Status == JobStatus.InProgress)
        {
            await RunAsync(job, service, template, version, cancellationToken);
        }
    }

    private async Task<TemplateRecord?> LoadTemplateAsync(JobRecord job, CancellationToken cancellationToken)
    {
        await using var context = database.CreateContext();
        return await context.Templates.AsNoTracking().FirstOrDefaultAsync(t => t.Id == job.TemplateId && t.ServiceId == job.ServiceId, cancellationToken);
    }

    /// <summary>Checks the file again (the service may have changed since upload), then reserves the job on the day's counters and marks it in progress.</summary>
    private async Task<bool> StartAsync(JobRecord job, ServiceSnapshot service, TemplateRecord template, TemplateVersionRecord version, CancellationToken cancellationToken)
    {
        JobValidation checkedFile;
        try
        {
            checkedFile = validator.Validate(JobValidator.Caller(service, job), job.Csv, template, version);
        }
        catch (NotifyApiException refused)
        {
            await EndAsync(job, JobStatus.Error, Describe(refused), cancellationToken);
            return false;
        }

        if (checkedFile.BadRows > 0)
        {
            await EndAsync(job, JobStatus.Error, checkedFile.Errors[0], cancellationToken);
            return false;
        }

        var now = time.GetUtcNow().UtcDateTime;
        await using (var context = database.CreateContext())
        await using (var transaction = await context.Database.BeginTransactionAsync(cancellationToken))
        {
            var connection = context.Database.GetDbConnection();
            foreach (var ((channel, limit), rows) in checkedFile.DailyCounts.OrderBy(c => c.Key.Channel, StringComparer.Ordinal))
            {
                if (!await limits.ReserveAsync(connection, transaction.GetDbTransaction(), job.ServiceId, channel, limit, rows, cancellationToken))
                {
                    await transaction.RollbackAsync(cancellationToken);
                    Log.LimitsExceeded(logger, job.Id, channel, limit, rows);
                    await EndAsync(job, JobStatus.SendingLimitsExceeded,
                        string.Create(CultureInfo.InvariantCulture, $"Exceeded send limits ({channel}: {limit}) for today: the job has {rows} such rows"), cancellationToken);
                    return false;
                }
            }

            var started = await context.Jobs
                .Where(j => j.Id == job.Id && j.Status == job.Status)
                .ExecuteUpdateAsync(s => s.SetProperty(j => j.Status, JobStatus.InProgress).SetProperty(j => j.StartedAt, now).SetProperty(j => j.UpdatedAt, now), cancellationToken);
            if (started == 0)
            {
                // Cancelled, or started by another worker, since it was read: its counts stay as they were.
                await transaction.RollbackAsync(cancellationToken);
                return false;
            }

            await transaction.CommitAsync(cancellationToken);
        }

        Log.Started(logger, job.Id, job.RowCount);
        return true;
    }

    private async Task RunAsync(JobRecord job, ServiceSnapshot service, TemplateRecord template, TemplateVersionRecord version, CancellationToken cancellationToken)
    {
        var caller = JobValidator.Caller(service, job);
        using var file = JobCsv.Open(job.Csv);
        var rows = JobRows.ForHeader(file.Columns, template.Type, template.Id, version);
        var batchSize = Math.Max(1, options.Value.BatchSize);
        var start = job.RowsProcessed;
        var batch = new List<NotificationRecord>(batchSize);
        while (file.Read())
        {
            if (file.Index < start)
            {
                continue;
            }

            var request = rows.Request(file);
            NotificationRecord notification;
            try
            {
                var checkedSend = sender.Check(caller, request, sender.ValidateRecipient(service.Service, request), template, version);
                notification = sender.Build(caller, request, checkedSend, version);
            }
            catch (NotifyApiException refused)
            {
                // Checked when the job started, so only a change since (within this run) lands here.
                await EndAsync(job, JobStatus.Error, string.Create(CultureInfo.InvariantCulture, $"Row {file.SpreadsheetRow}: {Describe(refused)}"), cancellationToken);
                return;
            }

            notification.JobId = job.Id;
            notification.JobRowNumber = file.Index;
            batch.Add(notification);
            if (batch.Count == batchSize)
            {
                if (!await WriteBatchAsync(job, start, start + batch.Count, batch, cancellationToken))
                {
                    return;
                }

                start += batch.Count;
                batch.Clear();
            }
        }

        if (batch.Count > 0 || start < job.RowCount)
        {
            await WriteBatchAsync(job, start, start + batch.Count, batch, cancellationToken);
        }
    }

    /// <summary>
    /// Writes rows <paramref name="start"/> to <paramref name="end"/> minus one with their delivery
    /// items and moves the job's progress to <paramref name="end"/>, in one transaction. Rows
    /// already there (a batch committed by a run that then died before saying so) are left out.
    /// False when the job is no longer in progress at <paramref name="start"/>: cancelled, or
    /// another worker got there first; nothing is written then.
    /// </summary>
    internal async Task<bool> WriteBatchAsync(JobRecord job, int start, int end, IReadOnlyList<NotificationRecord> batch, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var finished = end >= job.RowCount;
        await using var context = database.CreateContext();
        context.Database.AutoSavepointsEnabled = false;
        await using var transaction = await context.Database.BeginTransactionAsync(cancellationToken);
        var moved = await context.Jobs
            .Where(j => j.Id == job.Id && j.Status == JobStatus.InProgress && j.RowsProcessed == start)
            .ExecuteUpdateAsync(s => s
                .SetProperty(j => j.RowsProcessed, end)
                .SetProperty(j => j.UpdatedAt, now)
                .SetProperty(j => j.Status, finished ? JobStatus.Finished : JobStatus.InProgress)
                .SetProperty(j => j.FinishedAt, finished ? now : null), cancellationToken);
        if (moved == 0)
        {
            await transaction.RollbackAsync(cancellationToken);
            Log.BatchSkipped(logger, job.Id, start);
            return false;
        }

        var existing = await context.Notifications
            .Where(n => n.JobId == job.Id && n.JobRowNumber >= start && n.JobRowNumber < end)
            .Select(n => n.JobRowNumber!.Value)
            .ToListAsync(cancellationToken);
        var fresh = existing.Count == 0 ? batch : [.. batch.Where(n => !existing.Contains(n.JobRowNumber!.Value))];
        if (fresh.Count > 0)
        {
            if (context.Database.GetDbConnection() is Npgsql.NpgsqlConnection postgres)
            {
                await PostgresNotificationCopy.WriteAsync(postgres, fresh, cancellationToken);
            }
            else
            {
                context.Notifications.AddRange(fresh);
                await context.SaveChangesAsync(cancellationToken);
            }

            await queue.EnqueueAsync(context, [.. fresh.Select(DeliveryItem.For)], cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        metrics.Committed(fresh, fresh.Count);
        if (finished)
        {
            Log.Finished(logger, job.Id, job.RowCount);
        }

        if (BatchCommitted is { } committed)
        {
            await committed(job.Id, end);
        }

        return true;
    }

    private async Task EndAsync(JobRecord job, string status, string reason, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().UtcDateTime;
        await using var context = database.CreateContext();
        var ended = await context.Jobs
            .Where(j => j.Id == job.Id && (j.Status == JobStatus.Pending || j.Status == JobStatus.Scheduled || j.Status == JobStatus.InProgress))
            .ExecuteUpdateAsync(s => s
                .SetProperty(j => j.Status, status)
                .SetProperty(j => j.Error, reason.Length > 1000 ? reason[..1000] : reason)
                .SetProperty(j => j.UpdatedAt, now)
                .SetProperty(j => j.FinishedAt, now), cancellationToken);
        if (ended > 0 && status == JobStatus.Error)
        {
            Log.Failed(logger, job.Id, reason);
        }
    }

    private static string Describe(NotifyApiException refused) => string.Join("; ", refused.Messages);
}
