using System.Diagnostics;
using System.Globalization;

namespace Herald.Cli;

/// <summary>
/// The progress of <c>herald jobs upload</c> as the job's rows become notifications: a bar redrawn in
/// place on a terminal, a line per tenth of the way otherwise (a log file, a pipe), as
/// <see cref="ArchiveProgress"/> draws the archive.
/// </summary>
internal sealed class JobProgress(int rows, TextWriter output)
{
    private const int BarWidth = 30;

    private readonly long _started = Stopwatch.GetTimestamp();
    private readonly bool _redraw = output == Console.Error && !Console.IsErrorRedirected;
    private long _lastTenth = -1;
    private int _lastProcessed = -1;
    private bool _drawn;

    public void Report(int processed, string status)
    {
        if (processed == _lastProcessed)
        {
            return;
        }

        _lastProcessed = processed;
        var fraction = rows == 0 ? 1 : Math.Min(1, (double)processed / rows);
        var rate = processed / Math.Max(Stopwatch.GetElapsedTime(_started).TotalSeconds, 0.001);
        var line = string.Create(CultureInfo.InvariantCulture,
            $"[{new string('#', (int)(fraction * BarWidth)).PadRight(BarWidth, '.')}] {fraction * 100,3:F0}% {processed:N0} / {rows:N0} rows, {rate:N0}/s ({status})");
        if (_redraw)
        {
            output.Write($"\r{line}");
            _drawn = true;
        }
        else if ((long)(fraction * 10) != _lastTenth)
        {
            _lastTenth = (long)(fraction * 10);
            output.WriteLine(line);
        }
    }

    public void Finish()
    {
        if (_drawn)
        {
            output.WriteLine();
        }
    }
}
