using System.Diagnostics;

namespace Herald.Bench;

/// <summary>Single sends at a steady rate from 32 senders, timed: the latency other work is measured against.</summary>
internal static class SteadyLoad
{
    /// <summary>Sends at <paramref name="rate"/> per second for <paramref name="duration"/>, or until <paramref name="until"/> ends; the first second is not timed.</summary>
    public static async Task<SteadyResult> RunAsync(HttpClient client, Func<HttpRequestMessage> request, int rate, TimeSpan duration, Task? until)
    {
        var interval = TimeSpan.FromSeconds(1.0 / rate);
        var latencies = new List<double>();
        var failed = 0;
        var sentCount = 0;
        var start = Stopwatch.GetTimestamp();
        bool Done() => until is null ? Stopwatch.GetElapsedTime(start) >= duration : until.IsCompleted;
        const int senders = 32;
        await Task.WhenAll(Enumerable.Range(0, senders).Select(s => Task.Run(async () =>
        {
            var local = new List<double>();
            for (var i = s; !Done(); i += senders)
            {
                var wait = (interval * i) - Stopwatch.GetElapsedTime(start);
                if (wait > TimeSpan.Zero)
                {
                    await Task.Delay(wait);
                }

                var sent = Stopwatch.GetTimestamp();
                var ok = await ApiBenchmark.PostAsync(client, request);
                Interlocked.Increment(ref sentCount);
                if (!ok)
                {
                    Interlocked.Increment(ref failed);
                }
                else if (i >= rate)
                {
                    local.Add(Stopwatch.GetElapsedTime(sent).TotalMilliseconds);
                }
            }

            lock (latencies)
            {
                latencies.AddRange(local);
            }
        })));
        var achieved = sentCount / Stopwatch.GetElapsedTime(start).TotalSeconds;
        return new SteadyResult(Stats.Percentile(latencies, 50), Stats.Percentile(latencies, 99), latencies.Count == 0 ? double.NaN : latencies.Max(), achieved, failed);
    }
}
