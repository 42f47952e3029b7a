using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace Herald.Bench;

/// <summary>
/// The SMS benchmark's baseline: a plain HttpClient posting messages to Twilio's Messages API (the
/// fake) from <c>concurrency</c> loops, doing what Herald's adapter does per message (form body,
/// Basic credentials, the sid read from the JSON answer) and nothing else.
/// </summary>
internal static class RawTwilioClient
{
    public const string Body = "Clinic: Your code is 123456";

    /// <summary>Messages per second over one run of <paramref name="messages"/>.</summary>
    public static async Task<double> RunAsync(string baseUrl, string accountSid, string authToken, int messages, int concurrency)
    {
        using var client = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = concurrency, PooledConnectionLifetime = Timeout.InfiniteTimeSpan });
        var url = new Uri($"{baseUrl}/2010-04-01/Accounts/{accountSid}/Messages.json");
        var authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{accountSid}:{authToken}")));
        var next = -1;
        var watch = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, concurrency).Select(_ => Task.Run(async () =>
        {
            while (Interlocked.Increment(ref next) < messages)
            {
                using var request = new HttpRequestMessage(HttpMethod.Post, url)
                {
                    Content = new FormUrlEncodedContent([new("To", "+447700900123"), new("From", "447700900999"), new("Body", Body)]),
                };
                request.Headers.Authorization = authorization;
                using var response = await client.SendAsync(request);
                using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
                if (json.RootElement.GetProperty("sid").GetString() is null)
                {
                    throw new InvalidOperationException("the fake answered without a sid");
                }
            }
        })));
        return messages / watch.Elapsed.TotalSeconds;
    }

    /// <summary>
    /// Unmeasured runs until the client and the fake are warm: at least five, then until two in a
    /// row agree within 10 % (at most twelve). Both start cold and take several runs to warm (one
    /// set read 7,946, 8,947, 12,692, 20,971, 26,271, 23,196, 35,207 and 34,719/s), so two slow runs
    /// in a row could agree.
    /// </summary>
    public static async Task WarmUpAsync(Func<Task<double>> run, Action<int, double> report)
    {
        var previous = 0.0;
        for (var warmUp = 0; warmUp < 12; warmUp++)
        {
            var rate = await run();
            report(warmUp + 1, rate);
            if (warmUp >= 4 && Math.Abs(rate - previous) < previous * 0.1)
            {
                return;
            }

            previous = rate;
        }
    }
}
