using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Herald.Admin.Users;
using Herald.Storage;
using Herald.Tests.Fixtures;
using Herald.Tests.Jobs;
using Microsoft.Playwright;

namespace Herald.Tests.AdminUi;

/// <summary>A service's bulk jobs: the upload with its row errors, the live progress, the original file, scheduling and cancel.</summary>
[Collection(BrowserCollection.Name)]
public sealed class JobPagesTests(BrowserFixture browser)
{
    private static FilePayload Csv(string name, string text) => new() { Name = name, MimeType = "text/csv", Buffer = Encoding.UTF8.GetBytes(text) };

    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task An_uploaded_file_becomes_a_job_whose_progress_fills_in_until_every_message_is_delivered(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var app = await HeraldApp.StartAsync(database);
        var service = await app.CreateReadyServiceAsync();
        await using var tab = await AdminUsers.SignedInAsync(browser, app, AdminRole.Editor);
        var page = tab.Page;

        await tab.GoAsync($"/admin/services/{service.Id}");
        await page.GetByRole(AriaRole.Navigation, new() { Name = "Service" }).GetByRole(AriaRole.Link, new() { Name = "Jobs" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = $"Jobs of {service.Name}", Level = 1 })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByText("No jobs yet.")).ToBeVisibleAsync();
        await tab.AssertAccessibleAsync();
        await tab.ScreenshotAsync("jobs-empty");

        var csv = JobsApp.EmailRows(3);
        await page.GetByLabel("Template").SelectOptionAsync(new SelectOptionValue { Label = "Email (email)" });
        await page.GetByLabel("CSV file").SetInputFilesAsync(Csv("people.csv", csv));
        await page.GetByRole(AriaRole.Button, new() { Name = "Upload and check" }).ClickAsync();

        // The job page, polled: no reload between the upload and the last delivery.
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "people.csv", Level = 1 })).ToBeVisibleAsync();
        var counts = page.Locator("#job-counts");
        await Assertions.Expect(page.Locator("#job-status")).ToHaveTextAsync("Finished", new() { Timeout = 60_000 });
        await Assertions.Expect(counts.GetByRole(AriaRole.Row, new() { Name = "Delivered" })).ToContainTextAsync("3", new() { Timeout = 60_000 });
        await Assertions.Expect(page.Locator("#rows-processed")).ToHaveTextAsync("3");
        await Assertions.Expect(page.Locator("#messages-done")).ToHaveTextAsync("3");
        await Assertions.Expect(page.Locator("#rows-progress")).ToHaveAttributeAsync("value", "3");
        await Assertions.Expect(page.Locator("#job-progress")).Not.ToHaveAttributeAsync("hx-trigger", new Regex("every"));
        await Assertions.Expect(counts.GetByRole(AriaRole.Row, new() { Name = "Failed" })).ToContainTextAsync("0");
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Cancel this job" })).ToHaveCountAsync(0);
        await tab.AssertAccessibleAsync();
        await tab.ScreenshotAsync("job-finished");

        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByRole(AriaRole.Link, new() { Name = "Download the original file (people.csv)" }).ClickAsync());
        Assert.Equal("people.csv", download.SuggestedFilename);
        Assert.Equal(csv, await File.ReadAllTextAsync((await download.PathAsync())!));

        await page.GetByRole(AriaRole.Link, new() { Name = $"Jobs of {service.Name}" }).ClickAsync();
        var row = page.GetByRole(AriaRole.Row, new() { Name = "people.csv" });
        await Assertions.Expect(row).ToContainTextAsync("Finished");
        await Assertions.Expect(row).ToContainTextAsync("Email");
        await tab.AssertAccessibleAsync();
        await tab.ScreenshotAsync("jobs");
        await page.SetViewportSizeAsync(375, 800);
        await tab.AssertAccessibleAsync();
        await tab.ScreenshotAsync("jobs-phone");
    }

    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task A_file_with_bad_rows_is_refused_with_each_row_named_and_bad_input_is_never_a_server_error(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var app = await HeraldApp.StartAsync(database);
        var service = await app.CreateReadyServiceAsync();
        await using var tab = await AdminUsers.SignedInAsync(browser, app, AdminRole.Editor);
        var page = tab.Page;

        await tab.GoAsync($"/admin/services/{service.Id}/jobs");
        await page.GetByLabel("Template").SelectOptionAsync(new SelectOptionValue { Label = "Email (email)" });
        await page.GetByLabel("CSV file").SetInputFilesAsync(Csv("bad.csv", "email address,name,code\nada@example.org,Ada,1\nnot-an-address,Bob,2\ncy@example.org,,3\n"));
        await page.GetByRole(AriaRole.Button, new() { Name = "Upload and check" }).ClickAsync();

        var errors = page.Locator("#row-errors");
        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("nothing was sent");
        await Assertions.Expect(errors.GetByRole(AriaRole.Row)).ToHaveCountAsync(3);
        await Assertions.Expect(errors.GetByRole(AriaRole.Row, new() { Name = "3" })).ToContainTextAsync("email_address Not a valid email address");
        await Assertions.Expect(errors.GetByRole(AriaRole.Row, new() { Name = "4" })).ToContainTextAsync("name");
        await Assertions.Expect(page.GetByText("No jobs yet.")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByLabel("Template")).ToHaveValueAsync(service.EmailTemplateId.ToString());
        await tab.AssertAccessibleAsync();
        await tab.ScreenshotAsync("jobs-row-errors");

        // A missing column is the file's error, above the table.
        await page.GetByLabel("CSV file").SetInputFilesAsync(Csv("columns.csv", "email address,name\nada@example.org,Ada\n"));
        await page.GetByRole(AriaRole.Button, new() { Name = "Upload and check" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("code");
        await Assertions.Expect(page.Locator("#row-errors")).ToHaveCountAsync(0);

        // Posted by hand: every bad field is answered on the page, never with a 500.
        var token = (await page.Locator("main form input[name=__RequestVerificationToken]").GetAttributeAsync("value"))!;
        var jobsPath = $"/admin/services/{service.Id}/jobs";
        var posts = new (string Name, string? Template, FilePayload? File, string? At)[]
        {
            ("no template", null, Csv("a.csv", JobsApp.EmailRows(1)), null),
            ("a template that is not a UUID", "nope", Csv("a.csv", JobsApp.EmailRows(1)), null),
            ("another service's template", Guid.NewGuid().ToString(), Csv("a.csv", JobsApp.EmailRows(1)), null),
            ("no file", service.EmailTemplateId.ToString(), null, null),
            ("an empty file", service.EmailTemplateId.ToString(), Csv("a.csv", ""), null),
            ("a binary file", service.EmailTemplateId.ToString(), new FilePayload { Name = "a.csv", MimeType = "text/csv", Buffer = [0, 1, 2, 0xff, 0xfe, 0] }, null),
            ("a time that is not one", service.EmailTemplateId.ToString(), Csv("a.csv", JobsApp.EmailRows(1)), "tomorrow-ish"),
            ("a time in the past", service.EmailTemplateId.ToString(), Csv("a.csv", JobsApp.EmailRows(1)), "2001-01-01T00:00"),
            ("a name too long", service.EmailTemplateId.ToString(), Csv(new string('n', 300) + ".csv", JobsApp.EmailRows(1)), null),
        };
        foreach (var (name, template, file, at) in posts)
        {
            var form = page.APIRequest.CreateFormData().Set("__RequestVerificationToken", token);
            if (template is not null)
            {
                form.Set("template_id", template);
            }

            if (file is not null)
            {
                form.Set("file", file);
            }

            if (at is not null)
            {
                form.Set("scheduled_for", at);
            }

            var answer = await page.APIRequest.PostAsync(jobsPath, new() { Multipart = form });
            Assert.True(answer.Status == 400, $"{name} answered {answer.Status}");
            Assert.Contains("was not accepted", await answer.TextAsync(), StringComparison.Ordinal);
        }

        var gets = new (string Path, int Status)[]
        {
            ($"{jobsPath}?older=nope", 200), ($"{jobsPath}?older={Guid.NewGuid()}", 200), ($"{jobsPath}/{Guid.NewGuid()}", 404),
            ($"{jobsPath}/{Guid.NewGuid()}?handler=Progress", 404), ($"{jobsPath}/{Guid.NewGuid()}?handler=Csv", 404), ($"/admin/services/{Guid.NewGuid()}/jobs", 404),
            ($"{jobsPath}/not-a-job", 404),
        };
        foreach (var (path, status) in gets)
        {
            var answer = await page.APIRequest.GetAsync(path);
            Assert.True(answer.Status == status, $"{path} answered {answer.Status}");
        }

        var cancel = await page.APIRequest.PostAsync($"{jobsPath}/{Guid.NewGuid()}?handler=Cancel", new() { Form = page.APIRequest.CreateFormData().Set("__RequestVerificationToken", token) });
        Assert.Equal(404, cancel.Status);
        Assert.Equal(0, (await HeraldApp.ExpectAsync(await app.Admin.GetAsync(new Uri(JobsApp.JobsPath(service.Id), UriKind.Relative)), 200)).GetProperty("jobs").GetArrayLength());
    }

    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task A_scheduled_job_waits_for_its_time_and_cancelled_never_starts_and_a_viewer_may_not_cancel(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var app = await HeraldApp.StartAsync(database);
        var service = await app.CreateReadyServiceAsync();
        await using var tab = await AdminUsers.SignedInAsync(browser, app, AdminRole.Editor);
        var page = tab.Page;

        var at = app.Time.GetUtcNow().UtcDateTime.AddDays(2);
        await tab.GoAsync($"/admin/services/{service.Id}/jobs");
        await page.GetByLabel("Template").SelectOptionAsync(new SelectOptionValue { Label = "SMS (text message)" });
        await page.GetByLabel("CSV file").SetInputFilesAsync(Csv("codes.csv", "phone number,code\n07700900123,1234\n07700900456,5678\n"));
        await page.GetByLabel("Send at").FillAsync(at.ToString("yyyy-MM-dd'T'HH:mm", CultureInfo.InvariantCulture));
        await page.GetByRole(AriaRole.Button, new() { Name = "Upload and check" }).ClickAsync();

        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "codes.csv", Level = 1 })).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#job-status")).ToHaveTextAsync("Scheduled");
        await Assertions.Expect(page.Locator("dl.facts")).ToContainTextAsync(at.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture));
        await Assertions.Expect(page.Locator("#job-progress")).ToHaveAttributeAsync("hx-trigger", "every 10s");
        await tab.AssertAccessibleAsync();
        await tab.ScreenshotAsync("job-scheduled");
        var jobUrl = page.Url;
        var jobId = Guid.Parse(jobUrl.Split('/')[^1]);

        // A viewer sees the job without the button, and is refused the cancel by hand.
        var viewer = await AdminUsers.CreateAsync(app, AdminRole.Viewer);
        await using (var viewerTab = await AdminPage.OpenAsync(browser, app))
        {
            await viewerTab.SignInAsync(viewer.Email, AdminUsers.Password);
            await viewerTab.GoAsync(jobUrl);
            await Assertions.Expect(viewerTab.Page.Locator("#job-status")).ToHaveTextAsync("Scheduled");
            Assert.Equal(0, await viewerTab.Page.Locator("main form, main input, main select").CountAsync());
            await viewerTab.GoAsync($"/admin/services/{service.Id}/jobs");
            Assert.Equal(0, await viewerTab.Page.Locator("main form, main input, main select").CountAsync());
            var viewerToken = (await viewerTab.Page.Locator("header form input[name=__RequestVerificationToken]").GetAttributeAsync("value"))!;
            var refused = await viewerTab.Page.APIRequest.PostAsync(jobUrl + "?handler=Cancel", new() { Form = viewerTab.Page.APIRequest.CreateFormData().Set("__RequestVerificationToken", viewerToken) });
            Assert.Equal(403, refused.Status);
            var upload = viewerTab.Page.APIRequest.CreateFormData().Set("__RequestVerificationToken", viewerToken)
                .Set("template_id", service.SmsTemplateId.ToString()).Set("file", Csv("v.csv", "phone number,code\n07700900123,1\n"));
            Assert.Equal(403, (await viewerTab.Page.APIRequest.PostAsync($"/admin/services/{service.Id}/jobs", new() { Multipart = upload })).Status);
        }

        Assert.Equal("scheduled", await app.StatusAsync(service.Id, jobId));
        await page.GetByRole(AriaRole.Button, new() { Name = "Cancel this job" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Job cancelled");
        await Assertions.Expect(page.Locator("#job-status")).ToHaveTextAsync("Cancelled");
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Cancel this job" })).ToHaveCountAsync(0);
        await Assertions.Expect(page.Locator("#job-progress")).Not.ToHaveAttributeAsync("hx-trigger", new Regex("every"));
        await tab.AssertAccessibleAsync();
        await tab.ScreenshotAsync("job-cancelled");
        Assert.Equal("cancelled", await app.StatusAsync(service.Id, jobId));
        Assert.Empty(await app.RowNumbersAsync(jobId));

        await page.GetByRole(AriaRole.Link, new() { Name = $"Jobs of {service.Name}" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Row, new() { Name = "codes.csv" })).ToContainTextAsync("Cancelled");
    }
}
