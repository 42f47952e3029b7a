using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using MimeKit;

namespace Herald.Tests.Fixtures;

/// <summary>
/// A real SMTP server on loopback (Debian's python3-aiosmtpd, installed by scripts/test) that
/// keeps every message in a maildir for the test to read.
/// </summary>
public sealed class SmtpServer : IAsyncDisposable
{
    private const string Python = "/usr/bin/python3";

    private readonly Process _process;
    private readonly string _directory;

    private SmtpServer(Process process, string directory, int port)
    {
        _process = process;
        _directory = directory;
        Port = port;
    }

    public int Port { get; }

    public static async Task<SmtpServer> StartAsync()
    {
        var directory = Directory.CreateTempSubdirectory("herald-smtp-").FullName;
        var port = FreePort();
        var info = new ProcessStartInfo(Python) { UseShellExecute = false, RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var arg in new[] { "-m", "aiosmtpd", "-n", "-l", $"127.0.0.1:{port}", "-c", "aiosmtpd.handlers.Mailbox", Path.Combine(directory, "box") })
        {
            info.ArgumentList.Add(arg);
        }

        var process = Process.Start(info) ?? throw new InvalidOperationException("could not start aiosmtpd");
        var server = new SmtpServer(process, directory, port);
        await Eventually.TrueAsync(async () =>
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException(
                    $"aiosmtpd exited: {await process.StandardError.ReadToEndAsync()} (scripts/test installs Debian's python3-aiosmtpd)");
            }

            try
            {
                using var probe = new TcpClient();
                await probe.ConnectAsync(IPAddress.Loopback, port);
                return true;
            }
            catch (SocketException)
            {
                return false;
            }
        }, "the SMTP server listens", TimeSpan.FromSeconds(15));
        return server;
    }

    public IReadOnlyList<MimeMessage> Messages()
    {
        var box = Path.Combine(_directory, "box", "new");
        return !Directory.Exists(box) ? [] : [.. Directory.GetFiles(box).Order(StringComparer.Ordinal).Select(f => MimeMessage.Load(f))];
    }

    /// <summary>How many messages have arrived so far, without parsing them.</summary>
    public int Count()
    {
        var box = Path.Combine(_directory, "box", "new");
        return !Directory.Exists(box) ? 0 : Directory.EnumerateFiles(box).Count();
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill();
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
        Directory.Delete(_directory, recursive: true);
    }
}
