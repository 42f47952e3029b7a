using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;

namespace Herald.Bench;

/// <summary>
/// Postfix's <c>smtp-sink</c> on a free loopback port: a fast SMTP server that accepts and discards
/// every message, and counts them (<c>-c</c>), so the benchmark can check what the server received.
/// </summary>
internal sealed partial class SmtpSink : IAsyncDisposable
{
    private readonly Process _process;
    private long _messages;

    private SmtpSink(Process process, int port)
    {
        _process = process;
        Port = port;
    }

    public int Port { get; }

    /// <summary>Messages the server has accepted (DATA completed) since it started.</summary>
    public long Messages => Interlocked.Read(ref _messages);

    public static async Task<SmtpSink> StartAsync()
    {
        var path = new[] { "/usr/sbin/smtp-sink", "/usr/bin/smtp-sink" }.FirstOrDefault(File.Exists)
            ?? throw new InvalidOperationException("smtp-sink not found: install Debian's postfix package (scripts/bench-delivery does)");
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();

        var info = new ProcessStartInfo(path) { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };

        // -c counts messages on standard output; -u is required when started as root; 1024 is the listen backlog.
        foreach (var arg in new[] { "-c", "-u", Environment.UserName == "root" ? "nobody" : Environment.UserName, $"127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}", "1024" })
        {
            info.ArgumentList.Add(arg);
        }

        var process = Process.Start(info) ?? throw new InvalidOperationException("could not start smtp-sink");
        var sink = new SmtpSink(process, port);
        _ = Task.Run(() => sink.ReadCountsAsync());
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is { Length: > 0 } line)
            {
                Console.Error.WriteLine($"  smtp-sink: {line}");
            }
        };
        process.BeginErrorReadLine();

        var watch = Stopwatch.StartNew();
        while (true)
        {
            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync(IPAddress.Loopback, port);
                return sink;
            }
            catch (SocketException) when (watch.Elapsed < TimeSpan.FromSeconds(10) && !process.HasExited)
            {
                await Task.Delay(50);
            }
        }
    }

    /// <summary>Waits until the server has counted <paramref name="count"/> messages, or the timeout passes.</summary>
    public async Task<bool> WaitForAsync(long count, TimeSpan timeout)
    {
        var watch = Stopwatch.StartNew();
        while (Messages < count && watch.Elapsed < timeout)
        {
            await Task.Delay(20);
        }

        return Messages >= count;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill();
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }

    // The counter is written as "sess=N quit=N mesg=N" followed by a carriage return, never a newline.
    private async Task ReadCountsAsync()
    {
        var reader = _process.StandardOutput;
        var buffer = new char[4096];
        var pending = "";
        int read;
        while ((read = await reader.ReadAsync(buffer)) > 0)
        {
            pending += new string(buffer, 0, read);
            var last = pending.LastIndexOf('\r');
            if (last < 0)
            {
                continue;
            }

            var matches = Counter().Matches(pending[..last]);
            if (matches.Count > 0)
            {
                Interlocked.Exchange(ref _messages, long.Parse(matches[^1].Groups[1].Value, CultureInfo.InvariantCulture));
            }

            pending = pending[(last + 1)..];
        }
    }

    [GeneratedRegex(@"mesg=(\d+)")]
    private static partial Regex Counter();
}
