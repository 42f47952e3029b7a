using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Herald.Cli;
using Herald.Tests.Fixtures;

namespace Herald.Tests.Hosting;

/// <summary>
/// The single-file <c>herald</c> that <c>scripts/publish</c> makes, run as a person would: in an
/// empty directory with no configuration, then one email sent through it and delivered.
/// </summary>
public sealed class PublishedBinaryTests
{
    /// <summary>A published file to test instead of publishing one (<c>scripts/publish</c> prints its path).</summary>
    public const string BinaryVariable = "HERALD_PUBLISHED_BINARY";

    /// <summary>
    /// What shows the admin side is served from the one file: the admin API (refusing a call
    /// without a token), the sign-in page and the embedded stylesheet.
    /// </summary>
    private static readonly (string Path, HttpStatusCode Status)[] AdminProbes = [("/admin/api/services", HttpStatusCode.Unauthorized), ("/admin/sign-in", HttpStatusCode.OK), ("/admin/assets/admin.css", HttpStatusCode.OK)];

    /// <summary>Published once per test run, however many tests use it.</summary>
    private static readonly Lazy<Task<string>> Binary = new(FindOrPublishAsync);

    [Fact]
    public async Task The_published_file_serves_with_no_configuration_and_delivers_an_email()
    {
        var binary = await Binary.Value;
        var work = Directory.CreateTempSubdirectory("herald-published-");
        var url = LoopbackUrl.Free();
        var output = new StringBuilder();
        using var process = Start(binary, work.FullName, url, output);
        try
        {
            using var http = new HttpClient { BaseAddress = new Uri(url) };
            await Eventually.TrueAsync(async () => await AnswersAsync(http, "/healthz", process), "the published herald to serve /healthz", TimeSpan.FromSeconds(60));
            foreach (var (path, status) in AdminProbes)
            {
                Assert.Equal(status, (await http.GetAsync(new Uri(path, UriKind.Relative))).StatusCode);
            }

            // The defaults: SQLite and the admin token in ./herald-data of the working directory.
            Assert.True(File.Exists(Path.Combine(work.FullName, "herald-data", "herald.db")), Logs(output));
            var token = (await File.ReadAllTextAsync(Path.Combine(work.FullName, "herald-data", "admin-token"))).Trim();
            using var admin = new HttpClient { BaseAddress = new Uri(url) };
            admin.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);

            var service = await ExpectAsync(await admin.PostAsJsonAsync("/admin/api/services", new { name = "Published" }), HttpStatusCode.Created);
            var serviceId = service.GetProperty("id").GetGuid();
            var template = await ExpectAsync(await admin.PostAsJsonAsync($"/admin/api/services/{serviceId}/templates",
                new { name = "Welcome", type = "email", subject = "Hello ((name))", body = "Welcome, ((name))." }), HttpStatusCode.Created);
            var key = (await ExpectAsync(await admin.PostAsJsonAsync($"/admin/api/services/{serviceId}/api-keys", new { name = "published", key_type = "normal" }), HttpStatusCode.Created))
                .GetProperty("key").GetString()!;

            using var send = new HttpRequestMessage(HttpMethod.Post, "/v2/notifications/email")
            {
                Content = JsonContent.Create(new { email_address = "ada@example.com", template_id = template.GetProperty("id").GetGuid(), personalisation = new { name = "Ada" } }),
            };
            send.Headers.Authorization = Bearer(key);
            var id = (await ExpectAsync(await http.SendAsync(send), HttpStatusCode.Created)).GetProperty("id").GetGuid();

            await Eventually.TrueAsync(async () =>
            {
                using var read = new HttpRequestMessage(HttpMethod.Get, $"/v2/notifications/{id}");
                read.Headers.Authorization = Bearer(key);
                var notification = await ExpectAsync(await http.SendAsync(read), HttpStatusCode.OK);
                return notification.GetProperty("status").GetString() == "delivered";
            }, "the email to be delivered through the capture provider");
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill();
                await process.WaitForExitAsync();
            }

            work.Delete(recursive: true);
        }
    }

    private static Process Start(string binary, string workingDirectory, string url, StringBuilder output)
    {
        var info = new ProcessStartInfo(binary)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add("serve");
        info.ArgumentList.Add("--urls");
        info.ArgumentList.Add(url);

        // No configuration at all: not even what the test run's own environment says to Herald.
        foreach (var name in info.Environment.Keys.Where(k => k.StartsWith("HERALD_", StringComparison.OrdinalIgnoreCase)).ToList())
        {
            info.Environment.Remove(name);
        }

        var process = new Process { StartInfo = info };
        process.OutputDataReceived += (_, e) => Append(output, e.Data);
        process.ErrorDataReceived += (_, e) => Append(output, e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    private static async Task<bool> AnswersAsync(HttpClient http, string path, Process process)
    {
        if (process.HasExited)
        {
            throw new InvalidOperationException($"herald exited with {process.ExitCode} before serving");
        }

        try
        {
            return (await http.GetAsync(new Uri(path, UriKind.Relative))).StatusCode == HttpStatusCode.OK;
        }
        catch (HttpRequestException)
        {
            return false;
        }
    }

    private static async Task<JsonElement> ExpectAsync(HttpResponseMessage response, HttpStatusCode status)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == status, $"expected {(int)status}, got {(int)response.StatusCode}: {body}");
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    private static AuthenticationHeaderValue Bearer(string key) => new("Bearer", NotifyTokenSigner.Sign(key, TimeProvider.System.GetUtcNow()));

    /// <summary><see cref="BinaryVariable"/>, else <c>scripts/publish</c> into a folder of this test run's own.</summary>
    private static async Task<string> FindOrPublishAsync()
    {
        if (Environment.GetEnvironmentVariable(BinaryVariable) is { Length: > 0 } given)
        {
            return File.Exists(given) ? given : throw new FileNotFoundException($"{BinaryVariable} names no file", given);
        }

        var output = Directory.CreateTempSubdirectory("herald-publish-").FullName;
        var info = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false, WorkingDirectory = RepositoryRoot() };
        info.ArgumentList.Add("scripts/publish");
        info.ArgumentList.Add(output);
        var log = new StringBuilder();
        using var process = new Process { StartInfo = info };
        process.OutputDataReceived += (_, e) => Append(log, e.Data);
        process.ErrorDataReceived += (_, e) => Append(log, e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        // A Release build of the whole app from nothing, on a shared two-core machine.
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(10));
        await process.WaitForExitAsync(timeout.Token);
        var binary = Path.Combine(output, "herald");
        return process.ExitCode == 0 && File.Exists(binary) ? binary : throw new InvalidOperationException($"scripts/publish failed:\n{Logs(log)}");
    }

    private static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Herald.slnx")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("Herald.slnx not found above the test binaries");
    }

    private static void Append(StringBuilder output, string? line)
    {
        if (line is not null)
        {
            lock (output)
            {
                output.AppendLine(line);
            }
        }
    }

    private static string Logs(StringBuilder output)
    {
        lock (output)
        {
            return output.ToString();
        }
    }
}
