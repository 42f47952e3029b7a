using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace Herald.Bench;

/// <summary>A real <c>herald serve</c> process on a free loopback port, for HTTP benchmarks.</summary>
internal sealed class HeraldServer : IAsyncDisposable
{
    public const string AdminToken = "bench-admin-token-0123456789";

    private readonly Process _process;

    private HeraldServer(Process process, string baseUrl)
    {
        _process = process;
        BaseUrl = baseUrl;
    }

    public string BaseUrl { get; }

    /// <summary>
    /// The build of Herald to run: the one built with the benchmarks, or another named by
    /// <c>HERALD_BENCH_DLL</c> (to compare two builds run for run on the same machine).
    /// </summary>
    internal static string HeraldDll => Environment.GetEnvironmentVariable("HERALD_BENCH_DLL") ?? Path.Combine(AppContext.BaseDirectory, "herald.dll");

    /// <param name="environment">Further settings as <c>HERALD_*</c> environment variables.</param>
    /// <param name="onOutput">Called with each line Herald writes to standard output (its log).</param>
    /// <param name="baseUrl">Where to listen (to restart a node on its address); a free loopback port when null.</param>
    /// <param name="data">The data directory (<c>--data</c>), which with the host names the node; Herald's default when null.</param>
    public static async Task<HeraldServer> StartAsync(
        string database, string role, string durability, IReadOnlyDictionary<string, string>? environment = null, Action<string>? onOutput = null,
        string? baseUrl = null, string? data = null)
    {
        baseUrl ??= $"http://127.0.0.1:{FreePort().ToString(CultureInfo.InvariantCulture)}";
        var info = new ProcessStartInfo("dotnet") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in new[] { HeraldDll, "serve", "--urls", baseUrl, "--database", database, "--role", role })
        {
            info.ArgumentList.Add(arg);
        }

        if (data is not null)
        {
            info.ArgumentList.Add("--data");
            info.ArgumentList.Add(data);
        }

        info.Environment["HERALD_ADMIN_TOKEN"] = AdminToken;
        info.Environment["HERALD_DURABILITY"] = durability;
        info.Environment["HERALD_LOGGING__LOGLEVEL__DEFAULT"] = "Warning";
        info.Environment["HERALD_LOGGING__LOGLEVEL__MICROSOFT.ASPNETCORE.DATAPROTECTION"] = "Error";
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            info.Environment[name] = value;
        }

        var process = Process.Start(info) ?? throw new InvalidOperationException("could not start herald");
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is { } line)
            {
                onOutput?.Invoke(line);
            }
        };
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is { } line && (line.Contains("fail", StringComparison.Ordinal) || line.Contains("warn", StringComparison.Ordinal)))
            {
                Console.Error.WriteLine($"  herald: {line}");
            }
        };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        using var http = new HttpClient();
        var watch = Stopwatch.StartNew();
        while (true)
        {
            try
            {
                if ((await http.GetAsync(new Uri($"{baseUrl}/readyz"))).IsSuccessStatusCode)
                {
                    return new HeraldServer(process, baseUrl);
                }
            }
            catch (HttpRequestException)
            {
            }

            if (watch.Elapsed > TimeSpan.FromSeconds(60) || process.HasExited)
            {
                throw new InvalidOperationException("herald did not become ready");
            }

            await Task.Delay(100);
        }
    }

    /// <summary>SIGKILL: no shutdown, no lease released, as a crash or the OOM killer would stop it.</summary>
    public async Task KillAsync()
    {
        _process.Kill();
        await _process.WaitForExitAsync();
    }

    /// <summary>CPU time the Herald process has used so far.</summary>
    public TimeSpan CpuTime()
    {
        _process.Refresh();
        return _process.TotalProcessorTime;
    }

    /// <summary>Peak resident memory of the Herald process (VmHWM), in MiB.</summary>
    public double PeakMemoryMiB()
    {
        foreach (var line in File.ReadLines($"/proc/{_process.Id.ToString(CultureInfo.InvariantCulture)}/status"))
        {
            if (line.StartsWith("VmHWM:", StringComparison.Ordinal))
            {
                return double.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) / 1024;
            }
        }

        return double.NaN;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            using (var kill = Process.Start("kill", ["-TERM", _process.Id.ToString(CultureInfo.InvariantCulture)]))
            {
                await kill.WaitForExitAsync();
            }

            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            try
            {
                await _process.WaitForExitAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                _process.Kill();
            }
        }

        _process.Dispose();
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
