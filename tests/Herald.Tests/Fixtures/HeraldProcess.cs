using System.Diagnostics;
using System.Text;

namespace Herald.Tests.Fixtures;

/// <summary>Runs the built <c>herald</c> binary (or the test worker) as a real process.</summary>
public static class HeraldProcess
{
    public static string HeraldDll => Path.Combine(AppContext.BaseDirectory, "herald.dll");

    public static string TestWorkerDll => Path.Combine(AppContext.BaseDirectory, "Herald.TestWorker.dll");

    public static Process Start(string dll, IEnumerable<string> args, StringBuilder output, IDictionary<string, string>? environment = null)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Path.GetTempPath(),
        };
        info.ArgumentList.Add(dll);
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            info.Environment[key] = value;
        }

        var process = new Process { StartInfo = info };
        process.OutputDataReceived += (_, e) => Append(output, e.Data);
        process.ErrorDataReceived += (_, e) => Append(output, e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    public static Task<(int ExitCode, string Output)> RunToEndAsync(params string[] args) => RunToEndAsync(null, args);

    public static async Task<(int ExitCode, string Output)> RunToEndAsync(IDictionary<string, string>? environment, params string[] args)
    {
        var output = new StringBuilder();
        using var process = Start(HeraldDll, args, output, environment);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(timeout.Token);
        lock (output)
        {
            return (process.ExitCode, output.ToString());
        }
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
}
