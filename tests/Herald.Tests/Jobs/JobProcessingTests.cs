using Herald.Jobs;
using Herald.Limits;
using Herald.Notifications;
using Herald.Queue;
using Herald.Settings;
using Herald.Storage;
using Herald.Tests.Fixtures;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Herald.Tests.Jobs;

/// <summary>
/// Running a job: batches that never make a row twice, cancel before and during, the scheduled
/// start and the stuck-job resume by the minute check. The API role runs no workers, so each test
/// drives the processor and the check itself.
/// </summary>
public sealed class JobProcessingTests
{
    private static readonly Dictionary<string, string?> SmallBatches = new() { ["Jobs:BatchSize"] = "10" };

    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task A_batch_run_again_makes_no_row_twice_and_queues_no_second_delivery(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var app = await HeraldApp.StartAsync(database, role: HeraldRole.Api, settings: SmallBatches);
        var service = await app.CreateReadyServiceAsync();
        var jobId = await app.UploadOkAsync(service.Id, service.EmailTemplateId, JobsApp.EmailRows(25));
        var processor = app.Services.GetRequiredService<JobProcessor>();

        await processor.ProcessAsync(jobId, CancellationToken.None);
        await processor.ProcessAsync(jobId, CancellationToken.None);
        Assert.Equal(Enumerable.Range(0, 25), await app.RowNumbersAsync(jobId));

        // As if a run had committed rows 10 to 19 and died before its progress said so.
        await using (var context = app.Services.GetRequiredService<HeraldDatabase>().CreateContext())
        {
            await context.Jobs.Where(j => j.Id == jobId).ExecuteUpdateAsync(s => s.SetProperty(j => j.Status, JobStatus.InProgress).SetProperty(j => j.RowsProcessed, 10));
        }

        await processor.ProcessAsync(jobId, CancellationToken.None);

        Assert.Equal(Enumerable.Range(0, 25), await app.RowNumbersAsync(jobId));
        Assert.Equal(25, await app.DeliveryItemsAsync(jobId));
        var job = await app.JobAsync(service.Id, jobId);
        Assert.Equal(JobStatus.Finished, job.GetProperty("status").GetString());
        Assert.Equal(25, job.GetProperty("statistics").GetProperty("created").GetInt32());

        // The index is the last word: a second notification for a row cannot be written at all.
        await using (var context = app.Services.GetRequiredService<HeraldDatabase>().CreateContext())
        {
            var copy = await context.Notifications.AsNoTracking().FirstAsync(n => n.JobId == jobId && n.JobRowNumber == 3);
            copy.Id = Guid.CreateVersion7();
            context.Notifications.Add(copy);
            await Assert.ThrowsAsync<DbUpdateException>(() => context.SaveChangesAsync());
        }
    }

    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task Cancelling_a_job_in_progress_makes_no_further_rows(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var app = await HeraldApp.StartAsync(database, role: HeraldRole.Api, settings: SmallBatches);
        var service = await app.CreateReadyServiceAsync();
        var jobId = await app.UploadOkAsync(service.Id, service.EmailTemplateId, JobsApp.EmailRows(45));
        var processor = app.Services.GetRequiredService<JobProcessor>();
        processor.BatchCommitted = async (id, rows) =>
        {
            if (id == jobId && rows == 20)
            {
                await HeraldApp.ExpectAsync(await app.CancelAsync(service.Id, jobId), 200);
            }
        };

        await processor.ProcessAsync(jobId, CancellationToken.None);
        await processor.ProcessAsync(jobId, CancellationToken.None);

        Assert.Equal(Enumerable.Range(0, 20), await app.RowNumbersAsync(jobId));
        var job = await app.JobAsync(service.Id, jobId);
        Assert.Equal(JobStatus.Cancelled, job.GetProperty("status").GetString());
        Assert.Equal(20, job.GetProperty("rows_processed").GetInt32());
        Assert.Equal(20, job.GetProperty("statistics").GetProperty("created").GetInt32());
        await HeraldApp.ExpectErrorAsync(await app.CancelAsync(service.Id, jobId), 400, "BadRequestError",
            "The job is cancelled: only a pending, scheduled or in progress job can be cancelled");
    }

    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task A_scheduled_job_starts_at_its_time_and_not_before_and_a_cancelled_one_never(DatabaseProvider provider)
    {
        var clock = new FakeTimeProvider(TimeProvider.System.GetUtcNow());
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var app = await HeraldApp.StartAsync(database, clock, role: HeraldRole.Api);
        var service = await app.CreateReadyServiceAsync();
        var at = clock.GetUtcNow().AddHours(2).ToString("O");
        var jobId = await app.UploadOkAsync(service.Id, service.EmailTemplateId, JobsApp.EmailRows(3), at);
        var cancelledId = await app.UploadOkAsync(service.Id, service.EmailTemplateId, JobsApp.EmailRows(3), at);
        await HeraldApp.ExpectAsync(await app.CancelAsync(service.Id, cancelledId), 200);
        var check = app.Services.GetRequiredService<JobScheduleCheck>();
        var processor = app.Services.GetRequiredService<JobProcessor>();

        clock.Advance(TimeSpan.FromMinutes(119));
        await check.CheckAsync(CancellationToken.None);
        await processor.ProcessAsync(jobId, CancellationToken.None);
        Assert.Equal(0, await app.JobItemsAsync(jobId));
        Assert.Equal(JobStatus.Scheduled, await app.StatusAsync(service.Id, jobId));

        clock.Advance(TimeSpan.FromMinutes(1));
        await check.CheckAsync(CancellationToken.None);
        Assert.Equal(1, await app.JobItemsAsync(jobId));
        Assert.Equal(0, await app.JobItemsAsync(cancelledId));
        await processor.ProcessAsync(jobId, CancellationToken.None);
        await processor.ProcessAsync(cancelledId, CancellationToken.None);

        var job = await app.JobAsync(service.Id, jobId);
        Assert.Equal(JobStatus.Finished, job.GetProperty("status").GetString());
        Assert.Equal([0, 1, 2], await app.RowNumbersAsync(jobId));
        Assert.Empty(await app.RowNumbersAsync(cancelledId));
        Assert.Equal(JobStatus.Cancelled, await app.StatusAsync(service.Id, cancelledId));
    }

    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task A_job_whose_worker_died_half_way_is_resumed_after_thirty_minutes_and_logged(DatabaseProvider provider)
    {
        var clock = new FakeTimeProvider(TimeProvider.System.GetUtcNow());
        var logs = new CapturedLogs();
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var app = await HeraldApp.StartAsync(database, clock, role: HeraldRole.Api, settings: SmallBatches, logs: logs);
        var service = await app.CreateReadyServiceAsync();
        var jobId = await app.UploadOkAsync(service.Id, service.EmailTemplateId, JobsApp.EmailRows(35));
        var processor = app.Services.GetRequiredService<JobProcessor>();
        processor.BatchCommitted = (_, rows) => rows == 20 ? throw new IOException("the worker died") : Task.CompletedTask;
        await Assert.ThrowsAsync<IOException>(() => processor.ProcessAsync(jobId, CancellationToken.None));
        processor.BatchCommitted = null;
        await using (var context = app.Services.GetRequiredService<HeraldDatabase>().CreateContext())
        {
            await context.QueueItems.Where(q => q.Reference == jobId.ToString()).ExecuteDeleteAsync();
        }

        var check = app.Services.GetRequiredService<JobScheduleCheck>();
        clock.Advance(TimeSpan.FromMinutes(29));
        await check.CheckAsync(CancellationToken.None);
        Assert.Equal(0, await app.JobItemsAsync(jobId));

        clock.Advance(TimeSpan.FromMinutes(2));
        await check.CheckAsync(CancellationToken.None);
        Assert.Equal(1, await app.JobItemsAsync(jobId));
        Assert.Contains(logs.Lines, l => l.Contains($"STUCK JOB: job {jobId} (in progress, 20 of 35 rows)", StringComparison.Ordinal));
        await processor.ProcessAsync(jobId, CancellationToken.None);

        Assert.Equal(Enumerable.Range(0, 35), await app.RowNumbersAsync(jobId));
        Assert.Equal(JobStatus.Finished, await app.StatusAsync(service.Id, jobId));
    }

    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task A_job_that_no_longer_fits_the_days_limit_when_due_sends_nothing(DatabaseProvider provider)
    {
        var clock = new FakeTimeProvider(TimeProvider.System.GetUtcNow());
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var app = await HeraldApp.StartAsync(database, clock, role: HeraldRole.Api);
        var service = await app.CreateReadyServiceAsync(service: new { name = "Limited " + Guid.NewGuid().ToString("N")[..6], email_daily_limit = 5 });
        var jobId = await app.UploadOkAsync(service.Id, service.EmailTemplateId, JobsApp.EmailRows(5), clock.GetUtcNow().AddMinutes(1).ToString("O"));
        await app.SendEmailAsync(service, "single@example.org", new { name = "A", code = "1" });

        clock.Advance(TimeSpan.FromMinutes(1));
        await app.Services.GetRequiredService<JobProcessor>().ProcessAsync(jobId, CancellationToken.None);

        var job = await app.JobAsync(service.Id, jobId);
        Assert.Equal(JobStatus.SendingLimitsExceeded, job.GetProperty("status").GetString());
        Assert.Equal("Exceeded send limits (email: 5) for today: the job has 5 such rows", job.GetProperty("error").GetString());
        Assert.Empty(await app.RowNumbersAsync(jobId));

        // Nothing of the job was counted: the four sends left today are still there.
        await using var context = app.Services.GetRequiredService<HeraldDatabase>().CreateContext();
        Assert.Equal(1, await context.DailyCounters.Where(c => c.ServiceId == service.Id && c.Channel == "email").SumAsync(c => c.Count));
    }

    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task A_jobs_notifications_are_delivered_and_counted_by_status(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var app = await HeraldApp.StartAsync(database);
        var service = await app.CreateReadyServiceAsync();
        var jobId = await app.UploadOkAsync(service.Id, service.SmsTemplateId, "phone number,code\n07700900001,1\n07700900002,2\n07700900003,3\n");

        await Eventually.TrueAsync(async () => (await app.JobAsync(service.Id, jobId)).GetProperty("statistics").GetProperty("delivered").GetInt32() == 3,
            "every row delivered", TimeSpan.FromSeconds(60));

        var job = await app.JobAsync(service.Id, jobId);
        Assert.Equal(JobStatus.Finished, job.GetProperty("status").GetString());
        Assert.Equal(0, job.GetProperty("statistics").GetProperty("created").GetInt32());
        Assert.Equal(3, job.GetProperty("rows_processed").GetInt32());
    }
}
