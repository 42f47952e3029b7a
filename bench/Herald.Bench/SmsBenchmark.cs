using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Herald.Cli;
using Herald.Fakes;
using Herald.Storage;

namespace Herald.Bench;

/// <summary>
/// SMS delivery through the Twilio fake: a backlog of N SMS accepted by a <c>herald serve --role api</c>
/// process, then drained by a <c>--role worker</c> process (SMS/s between the fake's first and last
/// accepted message), with Herald's default settings unless <c>--set</c> says otherwise; the baseline
/// is a raw HttpClient posting N messages to the same fake from <c>concurrency</c> loops.
/// </summary>
internal sealed class SmsBenchmark(
    DatabaseProvider provider, BenchSettings settings, ProviderFakes fakes, int messages, int concurrency, IReadOnlyDictionary<string, string> herald)
{
    /// <summary>
    /// SMS/s from the fake's first accepted message to its last, the same over the second half of
    /// the backlog only (code warm), the worker's CPU per message over each, and the most calls
    /// Herald had open at once.
    /// </summary>
    public async Task<SmsDrainResult> DrainAsync()
    {
        // Both processes are configured alike, as the roles of one deployment would be.
        var environment = new Dictionary<string, string>
        {
            ["HERALD_DELIVERY__SMSPROVIDER"] = "twilio",
            ["HERALD_PROVIDERS__TWILIO__ACCOUNTSID"] = fakes.Options.TwilioAccountSid,
            ["HERALD_PROVIDERS__TWILIO__AUTHTOKEN"] = fakes.Options.TwilioAuthToken,
            ["HERALD_PROVIDERS__TWILIO__BASEURL"] = fakes.BaseUrl,
        };
        HeraldSettings.AddTo(environment, herald);
        await using var database = await BenchDatabase.CreateAsync(provider, settings.PostgresServer);
        await using (var api = await HeraldServer.StartAsync(database.Argument, "api", settings.Durability.ToString(), environment))
        {
            await AcceptBacklogAsync(api);
        }

        fakes.Twilio.Reset();
        var launched = TimeProvider.System.GetUtcNow();
        await using var worker = await HeraldServer.StartAsync(database.Argument, "worker", settings.Durability.ToString(), environment);
        var watch = Stopwatch.StartNew();
        TimeSpan? halfCpu = null;
        var halfCount = 0;
        while (fakes.Twilio.MessageCount < messages)
        {
            if (halfCpu is null && fakes.Twilio.MessageCount >= messages / 2)
            {
                halfCount = fakes.Twilio.MessageCount;
                halfCpu = worker.CpuTime();
            }

            if (watch.Elapsed > TimeSpan.FromMinutes(10))
            {
                throw new TimeoutException($"Herald sent {fakes.Twilio.MessageCount} of {messages} SMS in 10 minutes");
            }

            await Task.Delay(50);
        }

        var cpu = worker.CpuTime();
        var accepted = fakes.Twilio.Messages;
        var half = accepted.Count / 2;
        return new SmsDrainResult(
            (accepted.Count - 1) / (accepted[^1].AcceptedAt - accepted[0].AcceptedAt).TotalSeconds,
            (accepted.Count - 1 - half) / (accepted[^1].AcceptedAt - accepted[half].AcceptedAt).TotalSeconds,
            cpu.TotalMilliseconds * 1000 / accepted.Count,
            halfCpu is { } h && accepted.Count > halfCount ? (cpu - h).TotalMilliseconds * 1000 / (accepted.Count - halfCount) : double.NaN,
            fakes.Twilio.PeakConcurrentCalls,
            (accepted[0].AcceptedAt - launched).TotalSeconds,
            (accepted[^1].AcceptedAt - launched).TotalSeconds);
    }

    /// <summary>The same number of messages posted straight to the fake from <c>concurrency</c> loops in this process, beside the fake.</summary>
    public Task<double> BaselineAsync()
    {
        fakes.Twilio.Reset();
        return RawTwilioClient.RunAsync(fakes.BaseUrl, fakes.Options.TwilioAccountSid, fakes.Options.TwilioAuthToken, messages, concurrency);
    }

    /// <summary>
    /// The same loops from a process of their own, as Herald's worker is: warmed up there by the
    /// same rule, then one measured run. Talking to the fake from another process costs both sides
    /// wake-ups across processes that the in-process baseline does not pay.
    /// </summary>
    public async Task<double> SeparateProcessBaselineAsync()
    {
        fakes.Twilio.Reset();
        var info = new ProcessStartInfo("dotnet") { UseShellExecute = false, RedirectStandardOutput = true };
        foreach (var arg in new[]
        {
            typeof(SmsBenchmark).Assembly.Location, "sms-client", "--url", fakes.BaseUrl, "--sid", fakes.Options.TwilioAccountSid,
            "--token", fakes.Options.TwilioAuthToken, "--messages", messages.ToString(CultureInfo.InvariantCulture), "--concurrency", concurrency.ToString(CultureInfo.InvariantCulture),
        })
        {
            info.ArgumentList.Add(arg);
        }

        using var process = Process.Start(info) ?? throw new InvalidOperationException("could not start the baseline client");
        var output = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        var last = output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).LastOrDefault();
        return process.ExitCode == 0 && double.TryParse(last, NumberStyles.Float, CultureInfo.InvariantCulture, out var rate)
            ? rate
            : throw new InvalidOperationException($"the baseline client failed ({process.ExitCode}): {output}");
    }

    private async Task AcceptBacklogAsync(HeraldServer api)
    {
        using var client = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 64, PooledConnectionLifetime = Timeout.InfiniteTimeSpan })
        {
            BaseAddress = new Uri(api.BaseUrl),
        };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", HeraldServer.AdminToken);
        var service = await PostAdminAsync(client, "/admin/api/services",
            new { name = "Bench", sms_sender = "447700900999", rate_limit = 100_000_000, sms_daily_limit = 100_000_000 });
        var serviceId = service.GetProperty("id").GetString();
        var template = await PostAdminAsync(client, $"/admin/api/services/{serviceId}/templates", new { name = "Bench", type = "sms", body = "Your code is ((code))" });
        var key = (await PostAdminAsync(client, $"/admin/api/services/{serviceId}/api-keys", new { name = "bench", key_type = "normal" })).GetProperty("key").GetString()!;
        client.DefaultRequestHeaders.Authorization = null;
        var body = Encoding.UTF8.GetBytes(JsonSerializer.Serialize(new
        {
            phone_number = "07700900123",
            template_id = template.GetProperty("id").GetString(),
            personalisation = new { code = "123456" },
        }));
        var next = -1;
        var failures = 0;
        await Task.WhenAll(Enumerable.Range(0, 64).Select(_ => Task.Run(async () =>
        {
            while (Interlocked.Increment(ref next) < messages)
            {
                using var request = new HttpRequestMessage(HttpMethod.Post, "/v2/notifications/sms") { Content = new ByteArrayContent(body) };
                request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", NotifyTokenSigner.Sign(key, TimeProvider.System.GetUtcNow()));
                using var response = await client.SendAsync(request);
                if ((int)response.StatusCode != 201 && Interlocked.Increment(ref failures) <= 3)
                {
                    Console.Error.WriteLine($"  unexpected {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
                }
            }
        })));
        if (failures > 0)
        {
            throw new InvalidOperationException($"{failures} of {messages} SMS were not accepted");
        }
    }

    private static async Task<JsonElement> PostAdminAsync(HttpClient client, string path, object body)
    {
        using var response = await client.PostAsJsonAsync(path, body);
        var text = await response.Content.ReadAsStringAsync();
        return response.IsSuccessStatusCode ? JsonDocument.Parse(text).RootElement.Clone() : throw new InvalidOperationException($"{path}: {text}");
    }
}
