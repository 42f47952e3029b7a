using System.Diagnostics;
using System.Globalization;

namespace Herald.Cli;

/// <summary>
/// The progress of <c>herald retention archive</c>: a bar redrawn in place on a terminal, a line per
/// tenth of the way otherwise (a log file, a pipe), and the run's summary.
/// </summary>
internal sealed class ArchiveProgress(long due, TextWriter output)
{
    private const int BarWidth = 30;

    private readonly long _started = Stopwatch.GetTimestamp();
    private readonly bool _redraw = output == Console.Error && !Console.IsErrorRedirected;
    private long _moved;
    private int _batches;
    private TimeSpan _longest;
    private long _lastTenth = -1;

    public void Report(int moved, TimeSpan took)
    {
        if (moved == 0)
        {
            return;
        }

        _moved += moved;
        _batches++;
        _longest = took > _longest ? took : _longest;
        var fraction = due == 0 ? 1 : Math.Min(1, (double)_moved / due);
        var line = string.Create(CultureInfo.InvariantCulture,
            $"[{new string('#', (int)(fraction * BarWidth)).PadRight(BarWidth, '.')}] {fraction * 100,3:F0}% {_moved:N0} / {due:N0} notifications, {Rate():N0}/s");
        if (_redraw)
        {
            output.Write($"\r{line}");
        }
        else if ((long)(fraction * 10) != _lastTenth)
        {
            _lastTenth = (long)(fraction * 10);
            output.WriteLine(line);
        }
    }

    public void Finish()
    {
        if (_redraw && _batches > 0)
        {
            output.WriteLine();
        }
    }

    public string Summary(long moved) => string.Create(CultureInfo.InvariantCulture,
        $"Archived {moved} notifications in {Elapsed().TotalSeconds:F2} s ({Rate():F0} rows/s), {_batches} batches, longest {_longest.TotalSeconds:F3} s");

    private TimeSpan Elapsed() => Stopwatch.GetElapsedTime(_started);

    private double Rate() => _moved / Math.Max(Elapsed().TotalSeconds, 0.001);
}
