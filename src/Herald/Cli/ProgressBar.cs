using System.Diagnostics;
using System.Globalization;

namespace Herald.Cli;

/// <summary>
/// A command's progress: a bar redrawn in place on a terminal, a line per tenth of the way otherwise
/// (a log file, a pipe).
/// </summary>
internal sealed class ProgressBar(TextWriter output)
{
    private const int Width = 30;

    private readonly long _started = Stopwatch.GetTimestamp();
    private readonly bool _redraw = output == Console.Error && !Console.IsErrorRedirected;
    private long _lastTenth = -1;
    private bool _drawn;

    public TimeSpan Elapsed => Stopwatch.GetElapsedTime(_started);

    /// <summary>How many a second since the bar was made.</summary>
    public double Rate(long done) => done / Math.Max(Elapsed.TotalSeconds, 0.001);

    /// <param name="text">What follows the bar and its percentage (formatted by the caller, invariant culture).</param>
    public void Draw(long done, long total, string text)
    {
        var fraction = total == 0 ? 1 : Math.Min(1, (double)done / total);
        var line = string.Create(CultureInfo.InvariantCulture, $"[{new string('#', (int)(fraction * Width)).PadRight(Width, '.')}] {fraction * 100,3:F0}% {text}");
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

    /// <summary>Ends a bar drawn in place with its line break.</summary>
    public void Finish()
    {
        if (_drawn)
        {
            output.WriteLine();
        }
    }
}
