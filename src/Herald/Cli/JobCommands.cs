using System.CommandLine;
using System.Globalization;
using System.Text.Json;

namespace Herald.Cli;

/// <summary><c>herald jobs upload|list|show|cancel</c>: bulk CSV jobs through the admin API.</summary>
internal static class JobCommands
{
    /// <summary>How often <c>upload</c> asks for the job's progress.</summary>
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(500);

    /// <summary>A job in one of these makes no further rows; the wait ends.</summary>
    private static readonly string[] Ended = ["finished", "cancelled", "sending limits exceeded", "error"];

    public static Command Jobs() => new("jobs", "Bulk jobs: one template sent to every row of a CSV file.") { Upload(), List(), Show(), Cancel() };

    private static Option<string> ServiceOption() => new("--service") { Required = true, Description = "Service id." };

    private static Command Upload()
    {
        var file = new Argument<FileInfo>("file") { Description = "The CSV file: a header row naming `email address` or `phone number` and the template's placeholders." };
        var service = ServiceOption();
        var template = new Option<string>("--template") { Required = true, Description = "Template id." };
        var at = new Option<string?>("--at") { Description = "Start at this time (ISO 8601, UTC unless it says otherwise; at most 7 days ahead) instead of now." };
        var noWait = new Option<bool>("--no-wait") { Description = "Print the accepted job and exit instead of following its progress." };
        var upload = new Command("upload", "Upload a CSV file as a job; every row is checked first, then a progress bar follows the job until it finishes.")
        {
            file, service, template, at, noWait, ClientCommands.Url, ClientCommands.AdminTokenOption, CliOptions.Data,
        };
        upload.SetAction(async (r, ct) =>
        {
            var path = r.GetValue(file)!;
            if (!path.Exists)
            {
                await Console.Error.WriteLineAsync($"No such file: {path.FullName}");
                return 2;
            }

            if (await ClientCommands.AdminClientAsync(r, ct) is not { } client)
            {
                return 2;
            }

            using (client)
            {
                using var form = new MultipartFormDataContent
                {
                    { new StringContent(r.GetValue(template)!), "template_id" },
                    { new ByteArrayContent(await File.ReadAllBytesAsync(path.FullName, ct)), "file", path.Name },
                };
                if (r.GetValue(at) is { } when)
                {
                    form.Add(new StringContent(when), "scheduled_for");
                }

                var jobsPath = $"admin/api/services/{Uri.EscapeDataString(r.GetValue(service)!)}/jobs";
                if (await client.RequestAsync(HttpMethod.Post, jobsPath, form, ct) is not { } answer)
                {
                    return 1;
                }

                if (!answer.Ok)
                {
                    await Console.Error.WriteLineAsync(HeraldClient.Pretty(answer.Text));
                    return 1;
                }

                var job = JsonDocument.Parse(answer.Text).RootElement;
                var id = job.GetProperty("id").GetString()!;
                var status = job.GetProperty("status").GetString()!;
                await Console.Out.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"Job {id}: {job.GetProperty("row_count").GetInt32()} rows accepted, {status}."));
                if (r.GetValue(noWait) || status == "scheduled")
                {
                    if (status == "scheduled")
                    {
                        await Console.Out.WriteLineAsync($"It starts at {job.GetProperty("scheduled_for").GetString()}; follow it with: herald jobs show {id} --service {r.GetValue(service)}");
                    }

                    return 0;
                }

                return await FollowAsync(client, $"{jobsPath}/{id}", job.GetProperty("row_count").GetInt32(), ct);
            }
        });
        return upload;
    }

    /// <summary>Draws the job's progress until it ends; 0 when it finished, 1 otherwise.</summary>
    private static async Task<int> FollowAsync(HeraldClient client, string jobPath, int rows, CancellationToken ct)
    {
        var progress = new JobProgress(rows, Console.Error);
        while (true)
        {
            if (await client.RequestAsync(HttpMethod.Get, jobPath, null, ct) is not { Ok: true } answer)
            {
                progress.Finish();
                await Console.Error.WriteLineAsync("Lost sight of the job; it goes on in Herald.");
                return 1;
            }

            var job = JsonDocument.Parse(answer.Text).RootElement;
            var status = job.GetProperty("status").GetString()!;
            progress.Report(job.GetProperty("rows_processed").GetInt32(), status);
            if (Ended.Contains(status))
            {
                progress.Finish();
                await Console.Out.WriteLineAsync(HeraldClient.Pretty(answer.Text));
                return status == "finished" ? 0 : 1;
            }

            await Task.Delay(PollInterval, ct);
        }
    }

    private static Command List()
    {
        var service = ServiceOption();
        var olderThan = new Option<string?>("--older-than") { Description = "The page after this job id (links.older of the last page)." };
        var limit = new Option<int>("--limit") { Description = "Jobs a page.", DefaultValueFactory = _ => 50 };
        var list = new Command("list", "List a service's jobs, latest first.") { service, olderThan, limit, ClientCommands.Url, ClientCommands.AdminTokenOption, CliOptions.Data };
        list.SetAction((r, ct) =>
        {
            var query = $"?limit={r.GetValue(limit).ToString(CultureInfo.InvariantCulture)}" + (r.GetValue(olderThan) is { } older ? $"&older_than={Uri.EscapeDataString(older)}" : "");
            return ClientCommands.Admin(r, HttpMethod.Get, $"admin/api/services/{Uri.EscapeDataString(r.GetValue(service)!)}/jobs{query}", null, ct);
        });
        return list;
    }

    private static Command Show()
    {
        var service = ServiceOption();
        var id = new Argument<string>("id") { Description = "Job id." };
        var show = new Command("show", "Show a job with its notifications counted by status.") { id, service, ClientCommands.Url, ClientCommands.AdminTokenOption, CliOptions.Data };
        show.SetAction((r, ct) => ClientCommands.Admin(r, HttpMethod.Get, $"admin/api/services/{Uri.EscapeDataString(r.GetValue(service)!)}/jobs/{Uri.EscapeDataString(r.GetValue(id)!)}", null, ct));
        return show;
    }

    private static Command Cancel()
    {
        var service = ServiceOption();
        var id = new Argument<string>("id") { Description = "Job id." };
        var cancel = new Command("cancel", "Cancel a job: a scheduled or pending one never starts, one in progress makes no further rows.")
        {
            id, service, ClientCommands.Url, ClientCommands.AdminTokenOption, CliOptions.Data,
        };
        cancel.SetAction((r, ct) => ClientCommands.Admin(r, HttpMethod.Post, $"admin/api/services/{Uri.EscapeDataString(r.GetValue(service)!)}/jobs/{Uri.EscapeDataString(r.GetValue(id)!)}/cancel", null, ct));
        return cancel;
    }
}
