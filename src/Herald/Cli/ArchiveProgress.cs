using System.Globalization;

namespace Herald.Cli;

/// <summary>The progress of <c>herald retention archive</c> as a <see cref="ProgressBar"/>, and the run's summary.</summary>
internal sealed class ArchiveProgress(long due, TextWriter output)
{
    private readonly ProgressBar _bar = new(output);
    private long _moved;
    private int _batches;
    private TimeSpan _longest;

    public void Report(int moved, TimeSpan took)
    {
        if (moved == 0)
        {
            return;
        }

        _moved += moved;
        _batches++;
        _longest = took > _longest ? took : _longest;
        _bar.Draw(_moved, due, string.Create(CultureInfo.InvariantCulture, $"{_moved:N0} / {due:N0} notifications, {_bar.Rate(_moved):N0}/s"));
    }

    public void Finish() => _bar.Finish();

    public string Summary(long moved) => string.Create(CultureInfo.InvariantCulture,
        $"Archived {moved} notifications in {_bar.Elapsed.TotalSeconds:F2} s ({_bar.Rate(_moved):F0} rows/s), {_batches} batches, longest {_longest.TotalSeconds:F3} s");
}
