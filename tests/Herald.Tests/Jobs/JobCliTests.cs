using Herald.Jobs;
using Herald.Settings;
using Herald.Storage;
using Herald.Tests.Fixtures;

namespace Herald.Tests.Jobs;

/// <summary><c>herald jobs</c> against a running Herald, as an operator types it.</summary>
public sealed class JobCliTests
{
    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task Upload_follows_the_job_to_finished_and_list_show_and_cancel_reach_the_admin_api(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var app = await HeraldApp.StartAsync(database);
        var service = await app.CreateReadyServiceAsync();
        var directory = Directory.CreateTempSubdirectory("herald-jobs-cli-");
        var file = Path.Combine(directory.FullName, "people.csv");
        await File.WriteAllTextAsync(file, JobsApp.EmailRows(120));
        string[] connection = ["--service", service.Id.ToString(), "--url", app.Admin.BaseAddress!.ToString(), "--admin-token", HeraldApp.AdminToken];

        var (exitCode, output) = await HeraldProcess.RunToEndAsync(["jobs", "upload", file, "--template", service.EmailTemplateId.ToString(), .. connection]);

        Assert.True(exitCode == 0, output);
        Assert.Contains("120 rows accepted", output, StringComparison.Ordinal);
        // Not a terminal here: a line per tenth of the way, the last at 100%, then the finished job.
        Assert.Contains("100% 120 / 120 rows", output, StringComparison.Ordinal);
        Assert.Contains("\"status\": \"finished\"", output, StringComparison.Ordinal);
        var finished = Assert.Single(await JobIdsAsync(app, service.Id));
        Assert.Equal(Enumerable.Range(0, 120), await app.RowNumbersAsync(finished));

        var tomorrow = TimeProvider.System.GetUtcNow().AddDays(1).ToString("O", System.Globalization.CultureInfo.InvariantCulture);
        (exitCode, output) = await HeraldProcess.RunToEndAsync(["jobs", "upload", file, "--template", service.EmailTemplateId.ToString(), "--at", tomorrow, .. connection]);
        Assert.True(exitCode == 0, output);
        Assert.Contains("scheduled", output, StringComparison.Ordinal);
        var scheduled = Assert.Single(await JobIdsAsync(app, service.Id), id => id != finished);

        (exitCode, output) = await HeraldProcess.RunToEndAsync(["jobs", "list", .. connection]);
        Assert.True(exitCode == 0, output);
        Assert.True(output.IndexOf(scheduled.ToString(), StringComparison.Ordinal) < output.IndexOf(finished.ToString(), StringComparison.Ordinal), output);

        (exitCode, output) = await HeraldProcess.RunToEndAsync(["jobs", "cancel", scheduled.ToString(), .. connection]);
        Assert.True(exitCode == 0, output);
        Assert.Equal(JobStatus.Cancelled, await app.StatusAsync(service.Id, scheduled));

        (exitCode, output) = await HeraldProcess.RunToEndAsync(["jobs", "show", finished.ToString(), .. connection]);
        Assert.True(exitCode == 0, output);
        // Its notifications move on from created as they are delivered: the rows and the counts are what stays put.
        Assert.Contains("\"rows_processed\": 120", output, StringComparison.Ordinal);
        Assert.Contains("\"statistics\"", output, StringComparison.Ordinal);

        // A second cancel is refused with the API's reason and a failing exit code, not a stack trace.
        (exitCode, output) = await HeraldProcess.RunToEndAsync(["jobs", "cancel", scheduled.ToString(), .. connection]);
        Assert.Equal(1, exitCode);
        Assert.Contains("The job is cancelled", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Upload_of_a_file_that_is_not_there_says_so()
    {
        var (exitCode, output) = await HeraldProcess.RunToEndAsync(
            "jobs", "upload", Path.Combine(Path.GetTempPath(), $"missing-{Guid.NewGuid()}.csv"), "--service", Guid.NewGuid().ToString(), "--template", Guid.NewGuid().ToString(),
            "--admin-token", "unused");

        Assert.Equal(2, exitCode);
        Assert.Contains("No such file", output, StringComparison.Ordinal);
    }

    private static async Task<List<Guid>> JobIdsAsync(HeraldApp app, Guid serviceId)
    {
        var body = await HeraldApp.ExpectAsync(await app.Admin.GetAsync(new Uri(JobsApp.JobsPath(serviceId), UriKind.Relative)), 200);
        return [.. body.GetProperty("jobs").EnumerateArray().Select(j => j.GetProperty("id").GetGuid())];
    }
}
