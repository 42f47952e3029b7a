using System.Globalization;
using Herald.Auth;
using Herald.Limits;
using Herald.NotifyFormat;
using Herald.Queue;
using Herald.Services;
using Herald.Storage;
using Herald.Templates;
using Microsoft.EntityFrameworkCore;

namespace Herald.Jobs;

/// <summary>
/// Accepts a job: every row checked, the whole job checked against the day's limits, then the
/// job stored with its file and (unless scheduled) its first processing item, in one commit.
/// </summary>
public sealed class JobUploads(
    HeraldDatabase database, ServiceDirectory services, TemplateCache templates, JobValidator validator, DailyLimits limits, QueueWriter queue, TimeProvider time)
{
    /// <summary>Notify's bound: a job is scheduled at most a week ahead.</summary>
    public static readonly TimeSpan MaxScheduleAhead = TimeSpan.FromDays(7);

    public async Task<JobRecord> UploadAsync(Guid serviceId, JobUpload upload, CancellationToken cancellationToken)
    {
        if (upload.Name.Length > JobFile.MaxNameLength)
        {
            throw NotifyApiException.Validation([string.Create(CultureInfo.InvariantCulture, $"name is too long: it can be {JobFile.MaxNameLength} characters at most")]);
        }

        if (!RequestJson.IsStorable(upload.Name) || !RequestJson.IsStorable(upload.Csv))
        {
            throw NotifyApiException.Validation([RequestJson.Unstorable(RequestJson.IsStorable(upload.Name) ? "csv" : "name")]);
        }

        var service = await services.FindAsync(serviceId, cancellationToken) ?? throw NotifyApiException.NotFound();
        var now = time.GetUtcNow().UtcDateTime;
        var scheduledFor = ParseScheduledFor(upload.ScheduledFor, now);
        var (template, version) = await templates.FindForSendAsync(serviceId, upload.TemplateId, cancellationToken)
            ?? throw NotifyApiException.BadRequest("Template not found");
        var key = upload.Key ?? JobValidator.JobKey(null, KeyType.Normal);
        var checkedFile = validator.Validate(new ApiCaller(service, key), upload.Csv, template, version);
        if (checkedFile.BadRows > 0)
        {
            var errors = checkedFile.Errors.ToList();
            if (checkedFile.BadRows > errors.Count)
            {
                errors.Add(string.Create(CultureInfo.InvariantCulture,
                    $"{checkedFile.BadRows} of {checkedFile.RowCount} rows have errors; the first {errors.Count} are listed"));
            }

            throw NotifyApiException.Validation(errors);
        }

        await CheckDailyLimitsAsync(serviceId, checkedFile, scheduledFor, cancellationToken);
        var job = new JobRecord
        {
            Id = Guid.CreateVersion7(time.GetUtcNow()),
            ServiceId = serviceId,
            TemplateId = template.Id,
            TemplateVersion = version.Version,
            Type = template.Type,
            ApiKeyId = upload.Key?.Id,
            KeyType = key.KeyType,
            Name = string.IsNullOrWhiteSpace(upload.Name) ? "upload.csv" : upload.Name.Trim(),
            Status = scheduledFor is null ? JobStatus.Pending : JobStatus.Scheduled,
            RowCount = checkedFile.RowCount,
            Csv = upload.Csv,
            ScheduledFor = scheduledFor,
            CreatedAt = now,
            UpdatedAt = now,
        };
        await using var context = database.CreateContext();
        await using var transaction = await context.Database.BeginTransactionAsync(cancellationToken);
        context.Jobs.Add(job);
        await context.SaveChangesAsync(cancellationToken);
        if (scheduledFor is null)
        {
            await queue.EnqueueAsync(context, JobProcessor.Item(job.Id), cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        return job;
    }

    /// <summary>
    /// A job that would take a counter past its limit is refused now, before anything is stored.
    /// For a job due later today the sends so far count; for one due another day only its own
    /// rows (the counters of that day start at nothing). It is checked again, atomically, when it starts.
    /// </summary>
    private async Task CheckDailyLimitsAsync(Guid serviceId, JobValidation checkedFile, DateTime? scheduledFor, CancellationToken cancellationToken)
    {
        var today = limits.Today;
        var startsToday = scheduledFor is not { } at || (at.Year * 10_000) + (at.Month * 100) + at.Day == today;
        Dictionary<string, int> counted = [];
        if (startsToday)
        {
            await using var context = database.CreateContext();
            counted = await context.DailyCounters.AsNoTracking()
                .Where(c => c.ServiceId == serviceId && c.Day == today)
                .ToDictionaryAsync(c => c.Channel, c => c.Count, cancellationToken);
        }

        foreach (var ((channel, limit), rows) in checkedFile.DailyCounts)
        {
            var sent = counted.GetValueOrDefault(channel);
            if (sent + rows > limit)
            {
                throw new NotifyApiException(429, "TooManyRequestsError", string.Create(CultureInfo.InvariantCulture,
                    $"Exceeded send limits ({channel}: {limit}) for today: this job has {rows} such rows and {sent} have been sent today"));
            }
        }
    }

    private static DateTime? ParseScheduledFor(string? text, DateTime now)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        if (!DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var at))
        {
            throw NotifyApiException.Validation(["scheduled_for is not a valid date and time (ISO 8601, e.g. 2026-12-05T09:00:00Z)"]);
        }

        var utc = at.UtcDateTime;
        return utc < now ? throw NotifyApiException.Validation(["scheduled_for datetime cannot be in the past"])
            : utc > now + MaxScheduleAhead ? throw NotifyApiException.Validation(["scheduled_for datetime can only be up to 7 days in the future"])
            : utc;
    }
}
