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

    /// <summary>
    /// aiosmtpd's maildir handler, answering each message only after a pause: a server slower than
    /// Herald's accepts, so that a backlog of deliveries builds up.
    /// </summary>
    private const string SlowMailbox = """
        import asyncio
        from aiosmtpd.handlers import Mailbox

        class SlowMailbox(Mailbox):
            def __init__(self, mail_dir, seconds):
                super().__init__(mail_dir)
                self.seconds = float(seconds)

            async def handle_DATA(self, server, session, envelope):
                await asyncio.sleep(self.seconds)
                return await super().handle_DATA(server, session, envelope)

            @classmethod
            def from_cli(cls, parser, *args):
                return cls(args[0], args[1])
        """;

    /// <param name="delayPerMessage">When set, each message is answered only after this pause.</param>
    public static async Task<SmtpServer> StartAsync(TimeSpan? delayPerMessage = null)
    {
        var directory = Directory.CreateTempSubdirectory("herald-smtp-").FullName;
        var port = FreePort();
        var info = new ProcessStartInfo(Python) { UseShellExecute = false, RedirectStandardError = true, RedirectStandardOutput = true };
        string[] handler = ["-c", "aiosmtpd.handlers.Mailbox", Path.Combine(directory, "box")];
        if (delayPerMessage is { } delay)
        {
            await File.WriteAllTextAsync(Path.Combine(directory, "slow_mailbox.py"), SlowMailbox);
            info.Environment["PYTHONPATH"] = directory;
            handler = ["-c", "slow_mailbox.SlowMailbox", Path.Combine(directory, "box"), delay.TotalSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture)];
        }

        foreach (var arg in new[] { "-m", "aiosmtpd", "-n", "-l", $"127.0.0.1:{port}" }.Concat(handler))
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
