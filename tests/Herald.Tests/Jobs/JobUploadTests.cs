using System.Text;
using System.Text.Json;
using Herald.Jobs;
using Herald.Settings;
using Herald.Storage;
using Herald.Tests.Fixtures;

namespace Herald.Tests.Jobs;

/// <summary>Uploading a job: every row checked with the send rules before anything is stored, the file's CSV quirks, its bounds and the daily limit.</summary>
public sealed class JobUploadTests
{
    private static string Tomorrow => TimeProvider.System.GetUtcNow().AddDays(1).ToString("O");

    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task A_spreadsheets_file_with_bom_crlf_quoted_commas_and_newlines_and_trailing_blank_rows_becomes_one_notification_a_row(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var app = await HeraldApp.StartAsync(database);
        var service = await app.CreateReadyServiceAsync();
        var csv = "  Email_Address ,NAME,code,notes\r\n"
            + "ada@example.org,\"Lovelace, Ada\",111,ignored\r\n"
            + "\"grace@example.org\",\"Grace\r\nHopper\",222,\r\n"
            + "alan@example.org,\"Alan \"\"the\"\" Turing\",333\r\n"
            + ",,,\r\n\r\n\r\n";
        var file = Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(csv)).ToArray();

        var created = await HeraldApp.ExpectAsync(await app.UploadFileAsync(service.Id, service.EmailTemplateId, file, "team.csv"), 201);
        var jobId = created.GetProperty("id").GetGuid();
        Assert.Equal(3, created.GetProperty("row_count").GetInt32());
        Assert.Equal("team.csv", created.GetProperty("name").GetString());
        await app.WaitForStatusAsync(service.Id, jobId, JobStatus.Finished);

        Assert.Equal([0, 1, 2], await app.RowNumbersAsync(jobId));
        var list = await HeraldApp.ExpectAsync(await app.GetAsync(service.Key, "/v2/notifications?template_type=email"), 200);
        var bodies = list.GetProperty("notifications").EnumerateArray().ToDictionary(n => n.GetProperty("email_address").GetString()!, n => n.GetProperty("body").GetString()!);
        Assert.Contains("Hello Lovelace, Ada,", bodies["ada@example.org"], StringComparison.Ordinal);
        Assert.Matches("Hello Grace\r?\nHopper", bodies["grace@example.org"]);
        Assert.Contains("Hello Alan \"the\" Turing", bodies["alan@example.org"], StringComparison.Ordinal);
        Assert.Contains("333", bodies["alan@example.org"], StringComparison.Ordinal);
        var download = await app.Admin.GetAsync(new Uri($"{JobsApp.JobsPath(service.Id)}/{jobId}/csv", UriKind.Relative));
        Assert.Equal(200, (int)download.StatusCode);
        Assert.Equal(csv, await download.Content.ReadAsStringAsync());
    }

    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task A_bad_row_blocks_the_whole_job_named_by_its_spreadsheet_row_with_the_send_rules_words(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var app = await HeraldApp.StartAsync(database, role: HeraldRole.Api);
        var service = await app.CreateReadyServiceAsync();
        var csv = "email address,name,code\nada@example.org,Ada,1\nnot-an-address,Bob,2\n\ncarol@example.org,,3\n";

        var refused = await app.UploadAsync(service.Id, service.EmailTemplateId, csv);

        var body = await HeraldApp.ExpectAsync(refused, 400);
        var messages = body.GetProperty("errors").EnumerateArray().Select(e => e.GetProperty("message").GetString()).ToList();
        Assert.Equal(["Row 3: email_address Not a valid email address", "Row 5: Missing personalisation: name"], messages);
        var jobs = await HeraldApp.ExpectAsync(await app.Admin.GetAsync(new Uri(JobsApp.JobsPath(service.Id), UriKind.Relative)), 200);
        Assert.Equal(0, jobs.GetProperty("jobs").GetArrayLength());
    }

    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task An_sms_row_too_long_for_a_text_message_is_refused_as_the_send_refuses_it(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var app = await HeraldApp.StartAsync(database, role: HeraldRole.Api);
        var service = await app.CreateReadyServiceAsync();
        var csv = $"Phone Number,code\n07700900123,12\n07700 900456,{new string('x', 1000)}\n+1 nope,3\n";

        var body = await HeraldApp.ExpectAsync(await app.UploadAsync(service.Id, service.SmsTemplateId, csv), 400);

        var messages = body.GetProperty("errors").EnumerateArray().Select(e => e.GetProperty("message").GetString()!).ToList();
        Assert.Equal(2, messages.Count);
        Assert.StartsWith("Row 3: Text messages cannot be longer than 918 characters.", messages[0], StringComparison.Ordinal);
        Assert.StartsWith("Row 4: phone_number ", messages[1], StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task A_header_without_the_recipient_column_or_a_placeholders_column_is_refused_naming_them(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var app = await HeraldApp.StartAsync(database, role: HeraldRole.Api);
        var service = await app.CreateReadyServiceAsync();

        var body = await HeraldApp.ExpectAsync(await app.UploadAsync(service.Id, service.EmailTemplateId, "email,Name\nada@example.org,Ada\n"), 400);

        var messages = body.GetProperty("errors").EnumerateArray().Select(e => e.GetProperty("message").GetString()).ToList();
        Assert.Equal(["The file needs a column called ‘email address’ for this email template", "The file is missing a column for each of these placeholders: code"], messages);
        await HeraldApp.ExpectErrorAsync(await app.UploadAsync(service.Id, service.EmailTemplateId, "email address,name,code\n\n"), 400, "BadRequestError", "The file has no rows under its header");
        await HeraldApp.ExpectErrorAsync(await app.UploadAsync(service.Id, service.EmailTemplateId, ""), 400, "BadRequestError", "The file is empty or its header row is not valid CSV");
    }

    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task A_hundred_thousand_rows_are_accepted_and_one_more_is_refused(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var app = await HeraldApp.StartAsync(database, role: HeraldRole.Api);
        var service = await app.CreateReadyServiceAsync();
        var full = JobsApp.EmailRows(JobFile.MaxRows);

        var created = await HeraldApp.ExpectAsync(await app.UploadFileAsync(service.Id, service.EmailTemplateId, Encoding.UTF8.GetBytes(full), scheduledFor: Tomorrow), 201);
        Assert.Equal(100_000, created.GetProperty("row_count").GetInt32());
        Assert.Equal(JobStatus.Scheduled, created.GetProperty("status").GetString());

        var over = full + "one.more@example.org,One,1\n";
        await HeraldApp.ExpectErrorAsync(await app.UploadFileAsync(service.Id, service.EmailTemplateId, Encoding.UTF8.GetBytes(over), scheduledFor: Tomorrow), 400, "BadRequestError",
            "The file has more than 100,000 rows: a job can have 100,000 at most, so split it into several files");
    }

    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task Only_the_first_hundred_bad_rows_are_listed_and_the_rest_counted(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var app = await HeraldApp.StartAsync(database, role: HeraldRole.Api);
        var service = await app.CreateReadyServiceAsync();

        var body = await HeraldApp.ExpectAsync(await app.UploadAsync(service.Id, service.EmailTemplateId, JobsApp.EmailRows(250, i => i % 2 == 0 ? $"bad{i}" : $"ok{i}@example.org")), 400);

        var messages = body.GetProperty("errors").EnumerateArray().Select(e => e.GetProperty("message").GetString()!).ToList();
        Assert.Equal(101, messages.Count);
        Assert.Equal("Row 2: email_address Not a valid email address", messages[0]);
        Assert.Equal("Row 200: email_address Not a valid email address", messages[99]);
        Assert.Equal("125 of 250 rows have errors; the first 100 are listed", messages[100]);
    }

    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task A_job_that_would_pass_the_daily_limit_is_refused_before_anything_is_stored(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var app = await HeraldApp.StartAsync(database, role: HeraldRole.Api);
        var service = await app.CreateReadyServiceAsync(service: new { name = "Limited " + Guid.NewGuid().ToString("N")[..6], email_daily_limit = 5 });
        await app.SendEmailAsync(service, "single@example.org", new { name = "A", code = "1" });

        await HeraldApp.ExpectErrorAsync(await app.UploadAsync(service.Id, service.EmailTemplateId, JobsApp.EmailRows(5)), 429, "TooManyRequestsError",
            "Exceeded send limits (email: 5) for today: this job has 5 such rows and 1 have been sent today");
        await app.UploadOkAsync(service.Id, service.EmailTemplateId, JobsApp.EmailRows(4));

        var jobs = await HeraldApp.ExpectAsync(await app.Admin.GetAsync(new Uri(JobsApp.JobsPath(service.Id), UriKind.Relative)), 200);
        Assert.Equal(1, jobs.GetProperty("jobs").GetArrayLength());
    }

    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task A_schedule_more_than_seven_days_ahead_or_in_the_past_is_refused(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var app = await HeraldApp.StartAsync(database, role: HeraldRole.Api);
        var service = await app.CreateReadyServiceAsync();
        var now = TimeProvider.System.GetUtcNow();

        await HeraldApp.ExpectErrorAsync(await app.UploadAsync(service.Id, service.EmailTemplateId, JobsApp.EmailRows(1), now.AddDays(8).ToString("O")), 400, "ValidationError",
            "scheduled_for datetime can only be up to 7 days in the future");
        await HeraldApp.ExpectErrorAsync(await app.UploadAsync(service.Id, service.EmailTemplateId, JobsApp.EmailRows(1), now.AddHours(-1).ToString("O")), 400, "ValidationError",
            "scheduled_for datetime cannot be in the past");
        var created = await HeraldApp.ExpectAsync(await app.UploadAsync(service.Id, service.EmailTemplateId, JobsApp.EmailRows(1), now.AddDays(6.9).ToString("O")), 201);
        Assert.Equal(JobStatus.Scheduled, created.GetProperty("status").GetString());
    }

    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task Jobs_are_listed_latest_first_a_page_at_a_time(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var app = await HeraldApp.StartAsync(database, role: HeraldRole.Api);
        var service = await app.CreateReadyServiceAsync();
        var ids = new List<Guid>();
        for (var i = 0; i < 5; i++)
        {
            ids.Add(await app.UploadOkAsync(service.Id, service.EmailTemplateId, JobsApp.EmailRows(1), Tomorrow));
        }

        var seen = new List<Guid>();
        string? path = JobsApp.JobsPath(service.Id) + "?limit=2";
        while (path is not null)
        {
            var page = await HeraldApp.ExpectAsync(await app.Admin.GetAsync(new Uri(path, UriKind.Relative)), 200);
            var jobs = page.GetProperty("jobs").EnumerateArray().ToList();
            Assert.True(jobs.Count <= 2);
            Assert.All(jobs, j => Assert.False(j.TryGetProperty("csv", out _)));
            seen.AddRange(jobs.Select(j => j.GetProperty("id").GetGuid()));
            path = page.GetProperty("links").GetProperty("older").GetString();
        }

        ids.Reverse();
        Assert.Equal(ids, seen);
    }
}
