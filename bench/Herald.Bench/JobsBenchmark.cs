using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Herald.Notifications;
using Herald.Storage;
using Microsoft.EntityFrameworkCore;

namespace Herald.Bench;

/// <summary>
/// A bulk email job end to end: one <c>herald serve --role all</c> process sending through the SMTP
/// provider to <c>smtp-sink</c>. The upload (every row checked, the job stored), the rows made
/// notifications, every email at the sink; single sends at a steady rate throughout, against the
/// same rate just before; and the baseline of the same run: a plain MailKit loop's emails/s.
/// </summary>
internal sealed class JobsBenchmark(DatabaseProvider provider, BenchSettings settings, JobsSettings jobs)
{
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(10);

    public async Task<JobsRun> RunAsync()
    {
        var delivery = new DeliverySettings(jobs.Rows, 16, 0, 0, 0, new Dictionary<string, string>());
        var baseline = await new DeliveryBenchmark(provider, settings, delivery).BaselineAsync();
        await using var database = await BenchDatabase.CreateAsync(provider, settings.PostgresServer);
        await using var sink = await SmtpSink.StartAsync();
        await using var server = await HeraldServer.StartAsync(database.Argument, "all", settings.Durability.ToString(), DeliveryBenchmark.SmtpEnvironment(sink, delivery), DeliveryBenchmark.Forward);
        var (load, request) = await ApiBenchmark.PrepareAsync(server, 32);
        using (load)
        {
            using var admin = new HttpClient { BaseAddress = new Uri(server.BaseUrl), Timeout = TimeSpan.FromMinutes(5) };
            admin.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", HeraldServer.AdminToken);
            var serviceId = (await ApiBenchmark.PostAdminAsync(admin, "/admin/api/services", new { name = "Bulk", email_daily_limit = 10_000_000 })).GetProperty("id").GetGuid();
            var templateId = (await ApiBenchmark.PostAdminAsync(admin, $"/admin/api/services/{serviceId}/templates",
                new { name = "Newsletter", type = "email", subject = "News for ((name))", body = "Dear ((name)),\n\nYour reference is ((ref)).\n\n* one\n* two" })).GetProperty("id").GetGuid();
            var csv = Csv(jobs.Rows);

            var before = await SteadyLoad.RunAsync(load, request, jobs.Rate, TimeSpan.FromSeconds(jobs.BaselineSeconds), null);
            var singlesBefore = before.Achieved * jobs.BaselineSeconds;
            await sink.WaitForAsync((long)Math.Round(singlesBefore * 0.98), Patience);
            var sinkAtStart = sink.Messages;

            // The single sends run from the upload until the last of the job's emails is at the sink.
            var finished = new TaskCompletionSource();
            var during = SteadyLoad.RunAsync(load, request, jobs.Rate, TimeSpan.Zero, finished.Task);
            var start = Stopwatch.GetTimestamp();
            var upload = await ApiBenchmark.PostAdminAsync(admin, $"/admin/api/services/{serviceId}/jobs", new { template_id = templateId, name = "bench.csv", csv });
            var uploadSeconds = Stopwatch.GetElapsedTime(start).TotalSeconds;
            var jobId = upload.GetProperty("id").GetGuid();
            var acceptedSeconds = 0.0;
            while (acceptedSeconds == 0)
            {
                using var response = await admin.GetAsync($"/admin/api/services/{serviceId}/jobs/{jobId}");
                var job = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
                var status = job.GetProperty("status").GetString();
                if (status == "finished")
                {
                    acceptedSeconds = Stopwatch.GetElapsedTime(start).TotalSeconds;
                }
                else if (status is not ("pending" or "in progress") || Stopwatch.GetElapsedTime(start) > Patience)
                {
                    throw new InvalidOperationException($"job {jobId} is {status}: {job}");
                }
                else
                {
                    await Task.Delay(100);
                }
            }

            // The sink also counts the single sends still arriving; the job's emails are the rest.
            var watch = Stopwatch.StartNew();
            while (sink.Messages - sinkAtStart < jobs.Rows && watch.Elapsed < Patience)
            {
                await Task.Delay(20);
            }

            var deliveredSeconds = Stopwatch.GetElapsedTime(start).TotalSeconds;
            finished.SetResult();
            var singles = await during;
            await VerifyAsync(database, jobId);
            return new JobsRun(uploadSeconds, jobs.Rows / (acceptedSeconds - uploadSeconds), acceptedSeconds,
                jobs.Rows / deliveredSeconds, deliveredSeconds, baseline.Rate, before, singles, server.PeakMemoryMiB());
        }
    }

    private static string Csv(int rows)
    {
        var csv = new StringBuilder("email address,name,ref\n", rows * 40);
        for (var i = 0; i < rows; i++)
        {
            csv.Append("reader").Append(i).Append("@example.com,Reader ").Append(i).Append(",REF-").Append(i).Append('\n');
        }

        return csv.ToString();
    }

    /// <summary>Exactly one notification for every row of the job.</summary>
    private async Task VerifyAsync(BenchDatabase database, Guid jobId)
    {
        await using var heraldDatabase = new HeraldDatabase(DatabaseTarget.Parse(database.Argument, ".", settings.Durability));
        await using var context = heraldDatabase.CreateContext();
        var made = await context.Notifications.Where(n => n.JobId == jobId).CountAsync();
        var rows = await context.Notifications.Where(n => n.JobId == jobId).Select(n => n.JobRowNumber).Distinct().CountAsync();
        if (made != jobs.Rows || rows != jobs.Rows)
        {
            throw new InvalidOperationException($"the job made {made} notifications for {rows} distinct rows; expected {jobs.Rows} of each");
        }
    }
}

internal sealed record JobsSettings(int Rows, int Rate, int BaselineSeconds);

/// <param name="UploadSeconds">The upload's answer: every row checked and the job stored.</param>
/// <param name="RowsPerSecond">Rows made notifications, from the upload's answer to the job finished.</param>
/// <param name="EmailsPerSecond">The job's emails at the sink, from the upload's start.</param>
internal sealed record JobsRun(
    double UploadSeconds, double RowsPerSecond, double AcceptedSeconds, double EmailsPerSecond, double DeliveredSeconds, double BaselineEmailsPerSecond,
    SteadyResult Before, SteadyResult During, double PeakMemoryMiB);
