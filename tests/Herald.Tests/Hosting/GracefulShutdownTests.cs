using System.Diagnostics;
using System.Text;
using Herald.Storage;
using Herald.Tests.Fixtures;

namespace Herald.Tests.Hosting;

public sealed class GracefulShutdownTests
{
    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task Serve_stops_cleanly_on_SIGTERM(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var output = new StringBuilder();
        using var herald = HeraldProcess.Start(HeraldProcess.HeraldDll, ["serve", "--urls", "http://127.0.0.1:0", "--database", database.DatabaseArgument], output);
        try
        {
            await Eventually.TrueAsync(() => Task.FromResult(Read(output).Contains("Application started", StringComparison.Ordinal)), "herald is serving");

            using (var kill = Process.Start("kill", ["-TERM", herald.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
            {
                await kill.WaitForExitAsync();
            }

            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            await herald.WaitForExitAsync(timeout.Token);
            Assert.Equal(0, herald.ExitCode);
            Assert.Contains("stopped; 0 claimed items released", Read(output), StringComparison.Ordinal);
        }
        finally
        {
            if (!herald.HasExited)
            {
                herald.Kill();
            }
        }
    }

    private static string Read(StringBuilder output)
    {
        lock (output)
        {
            return output.ToString();
        }
    }
}
