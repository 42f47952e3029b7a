using System.Text.Json;
using Herald.Jobs;
using Herald.Notifications;
using Herald.Services;
using Herald.Settings;
using Herald.Storage;
using Herald.Tests.Fixtures;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Herald.Tests.Jobs;

/// <summary><c>POST /v2/notifications/bulk</c>: Canada's Notify bulk send, a job made with an API key.</summary>
public sealed class BulkNotificationsTests
{
    private const string BulkPath = "/v2/notifications/bulk";

    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task Rows_become_a_job_whose_notifications_carry_the_key_and_every_row(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var app = await HeraldApp.StartAsync(database, role: HeraldRole.Api);
        var service = await app.CreateReadyServiceAsync();
        string[][] rows =
        [
            ["email address", "name", "code"],
            ["ada@example.org", "Ada, Countess", "1"],
            ["grace@example.org", "Grace \"Amazing\" Hopper", "2"],
            ["alan@example.org", "Alan\nTuring", "3"],
        ];

        var body = await HeraldApp.ExpectAsync(await app.PostAsync(service.Key, BulkPath, new { template_id = service.EmailTemplateId, name = "people", rows }), 201);

        var job = body.GetProperty("data");
        Assert.Equal("people", job.GetProperty("original_file_name").GetString());
        Assert.Equal(3, job.GetProperty("notification_count").GetInt32());
        Assert.Equal(JobStatus.Pending, job.GetProperty("job_status").GetString());
        Assert.Equal(service.EmailTemplateId, job.GetProperty("template").GetGuid());
        Assert.Equal(service.Id, job.GetProperty("service").GetGuid());
        var jobId = job.GetProperty("id").GetGuid();
        await app.Services.GetRequiredService<JobProcessor>().ProcessAsync(jobId, CancellationToken.None);

        await using var context = app.Services.GetRequiredService<HeraldDatabase>().CreateContext();
        var made = await context.Notifications.AsNoTracking().Where(n => n.JobId == jobId).OrderBy(n => n.JobRowNumber).ToListAsync();
        Assert.Equal(["ada@example.org", "grace@example.org", "alan@example.org"], made.Select(n => n.To));
        Assert.All(made, n => Assert.Equal(KeyType.Normal, n.KeyType));
        Assert.Equal(job.GetProperty("api_key").GetGuid(), made[0].ApiKeyId);
        // The cells' commas, quotes and newlines reached the personalisation as they were given.
        Assert.Contains("Ada, Countess", made[0].Body, StringComparison.Ordinal);
        Assert.Contains("Grace \"Amazing\" Hopper", made[1].Body, StringComparison.Ordinal);
        Assert.Contains("Alan\nTuring", made[2].Body, StringComparison.Ordinal);
        Assert.Equal(JobStatus.Finished, await app.StatusAsync(service.Id, jobId));
    }

    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task A_csv_sent_with_a_test_key_makes_test_notifications_that_no_limit_counts(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var app = await HeraldApp.StartAsync(database, role: HeraldRole.Api);
        var service = await app.CreateReadyServiceAsync(keyType: "test", service: new { name = $"Bulk {Guid.NewGuid():N}", sms_daily_limit = 1 });
        var csv = "phone number,code\n07700900001,1\n07700900002,2\n07700900003,3\n";

        var body = await HeraldApp.ExpectAsync(await app.PostAsync(service.Key, BulkPath, new { template_id = service.SmsTemplateId, name = "texts.csv", csv }), 201);

        var jobId = body.GetProperty("data").GetProperty("id").GetGuid();
        await app.Services.GetRequiredService<JobProcessor>().ProcessAsync(jobId, CancellationToken.None);
        await using var context = app.Services.GetRequiredService<HeraldDatabase>().CreateContext();
        var keyTypes = await context.Notifications.AsNoTracking().Where(n => n.JobId == jobId).Select(n => n.KeyType).ToListAsync();
        Assert.Equal([KeyType.Test, KeyType.Test, KeyType.Test], keyTypes);
    }

    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task A_team_key_job_with_a_row_outside_the_team_is_refused_by_its_row(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var app = await HeraldApp.StartAsync(database, role: HeraldRole.Api);
        var service = await app.CreateReadyServiceAsync(keyType: "team");
        string[][] rows = [["email address", "name", "code"], ["stranger@example.org", "S", "1"]];

        var response = await app.PostAsync(service.Key, BulkPath, new { template_id = service.EmailTemplateId, name = "team", rows });

        await HeraldApp.ExpectErrorAsync(response, 400, "ValidationError", "Row 2: Can’t send to this recipient using a team-only API key");
    }

    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task Bad_requests_are_answered_in_notifys_format_and_make_no_job(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var app = await HeraldApp.StartAsync(database, role: HeraldRole.Api);
        var service = await app.CreateReadyServiceAsync();
        var template = service.EmailTemplateId;
        string[][] rows = [["email address", "name", "code"], ["a@example.org", "A", "1"]];

        await HeraldApp.ExpectErrorAsync(await app.PostAsync(service.Key, BulkPath, new { template_id = template, name = "x" }),
            400, "BadRequestError", "You should specify either rows or csv");
        await HeraldApp.ExpectErrorAsync(await app.PostAsync(service.Key, BulkPath, new { template_id = template, name = "x", rows, csv = "email address\na@example.org\n" }),
            400, "BadRequestError", "You should specify either rows or csv");
        await HeraldApp.ExpectErrorAsync(await app.PostAsync(service.Key, BulkPath, new { template_id = template, rows }),
            400, "ValidationError", "name is a required property");
        await HeraldApp.ExpectErrorAsync(await app.PostAsync(service.Key, BulkPath, new { template_id = template, name = "x", rows, colour = "blue" }),
            400, "ValidationError", "Additional properties are not allowed (colour was unexpected)");
        await HeraldApp.ExpectErrorAsync(await app.PostAsync(service.Key, BulkPath, new { template_id = template, name = "x", rows = new[] { new[] { "email address" } } }),
            400, "ValidationError", "rows needs a header row and at least one row under it");
        await HeraldApp.ExpectErrorAsync(await app.PostRawAsync(service.Key, BulkPath, $$"""{"template_id": "{{template}}", "name": "x", "rows": [["email address"], [{"a": 1}]]}"""),
            400, "ValidationError", "rows[1] has a cell {\"a\": 1} that is not a string, number, boolean or null");
        await HeraldApp.ExpectErrorAsync(await app.PostAsync(service.Key, BulkPath, new { template_id = template, name = "x", rows, reply_to_id = Guid.Empty }),
            400, "BadRequestError", $"reply_to_id {Guid.Empty} does not exist in database for service id {service.Id}");
        await HeraldApp.ExpectErrorAsync(await app.PostAsync(service.Key, BulkPath, new { template_id = template, name = "x", rows = new[] { new[] { "email address", "name" }, new[] { "a@example.org", "A" } } }),
            400, "ValidationError", "The file is missing a column for each of these placeholders: code");

        await using var context = app.Services.GetRequiredService<HeraldDatabase>().CreateContext();
        Assert.Equal(0, await context.Jobs.CountAsync(j => j.ServiceId == service.Id));
    }

    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task A_full_size_job_fits_in_one_request_though_it_is_larger_than_a_single_sends_body(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var app = await HeraldApp.StartAsync(database, role: HeraldRole.Api);
        var service = await app.CreateReadyServiceAsync(service: new { name = $"Bulk {Guid.NewGuid():N}", email_daily_limit = 200_000 });
        var csv = JobsApp.EmailRows(JobFile.MaxRows);
        Assert.True(csv.Length > 4 * 1024 * 1024, "the file is no larger than a single send's body; the test proves nothing");

        var body = await HeraldApp.ExpectAsync(await app.PostAsync(service.Key, BulkPath, new { template_id = service.EmailTemplateId, name = "everyone.csv", csv }), 201);

        Assert.Equal(JobFile.MaxRows, body.GetProperty("data").GetProperty("notification_count").GetInt32());
    }

    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task More_rows_than_a_job_can_have_are_refused_before_any_is_read(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var app = await HeraldApp.StartAsync(database, role: HeraldRole.Api);
        var service = await app.CreateReadyServiceAsync();
        var rows = Enumerable.Range(0, JobFile.MaxRows + 2).Select(i => i == 0 ? new[] { "email address" } : [$"p{i}@example.org"]).ToArray();

        var response = await app.PostRawAsync(service.Key, BulkPath, JsonSerializer.Serialize(new { template_id = service.EmailTemplateId, name = "big", rows }));

        await HeraldApp.ExpectErrorAsync(response, 400, "ValidationError", "rows has 100,001 rows under its header: a job can have 100,000 at most");
    }
}
