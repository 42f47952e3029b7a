using System.Diagnostics;
using System.Text;
using Herald.Jobs;
using Herald.Notifications;
using Herald.Settings;
using Herald.Storage;
using Herald.Tests.Fixtures;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace Herald.Tests.Jobs;

/// <summary>A worker process SIGKILLed in the middle of a job, and a worker started after it, leave exactly one notification per row.</summary>
public sealed class JobCrashTests(ITestOutputHelper output)
{
    private const int Rows = 3_000;

    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task A_worker_killed_mid_job_and_restarted_finishes_with_one_notification_per_row(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        // The API role runs no workers: only the real worker processes below make the job's rows.
        await using var app = await HeraldApp.StartAsync(database, role: HeraldRole.Api);
        var service = await app.CreateReadyServiceAsync();
        var jobId = await app.UploadOkAsync(service.Id, service.EmailTemplateId, JobsApp.EmailRows(Rows));

        // Small batches keep the victim mid-job for a while; a short lease lets the restarted worker take the job's item soon after the kill.
        var environment = new Dictionary<string, string>
        {
            ["HERALD_JOBS__BATCHSIZE"] = "20",
            ["HERALD_QUEUE__LEASEDURATION"] = "00:00:03",
            ["HERALD_KEYRING__KEY"] = HeraldApp.KeyRingKey,
        };
        var directory = Directory.CreateTempSubdirectory("herald-job-crash-");
        var victimOutput = new StringBuilder();
        var survivorOutput = new StringBuilder();
        Process? survivor = null;
        using var victim = HeraldProcess.Start(
            HeraldProcess.TestWorkerDll, ["--database", database.DatabaseArgument, "--record", Path.Combine(directory.FullName, "victim.txt")], victimOutput, environment);
        try
        {
            await Eventually.TrueAsync(async () => await CountAsync(app, jobId) >= 200, "the victim has made 200 of the job's rows", TimeSpan.FromSeconds(90));
            victim.Kill();
            await victim.WaitForExitAsync();
            var atKill = await CountAsync(app, jobId);
            output.WriteLine($"killed the worker with {atKill} of {Rows} rows made");
            Assert.True(atKill < Rows, "the job had finished before the kill; the test proved nothing");
            Assert.Equal(JobStatus.InProgress, await app.StatusAsync(service.Id, jobId));

            survivor = HeraldProcess.Start(
                HeraldProcess.TestWorkerDll, ["--database", database.DatabaseArgument, "--record", Path.Combine(directory.FullName, "survivor.txt")], survivorOutput, environment);
            await app.WaitForStatusAsync(service.Id, jobId, JobStatus.Finished);
        }
        catch
        {
            output.WriteLine($"victim output:\n{victimOutput}\nsurvivor output:\n{survivorOutput}");
            throw;
        }
        finally
        {
            if (!victim.HasExited)
            {
                victim.Kill();
            }

            if (survivor is { HasExited: false })
            {
                survivor.Kill();
            }

            survivor?.Dispose();
        }

        Assert.Equal(Enumerable.Range(0, Rows), await app.RowNumbersAsync(jobId));
        var job = await app.JobAsync(service.Id, jobId);
        Assert.Equal(Rows, job.GetProperty("rows_processed").GetInt32());
        directory.Delete(recursive: true);
    }

    private static async Task<int> CountAsync(HeraldApp app, Guid jobId)
    {
        await using var context = app.Services.GetRequiredService<HeraldDatabase>().CreateContext();
        return await context.Notifications.CountAsync(n => n.JobId == jobId);
    }
}
