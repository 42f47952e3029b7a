using System.Globalization;

namespace Herald.Cli;

/// <summary>The progress of <c>herald jobs upload</c> as the job's rows become notifications, as a <see cref="ProgressBar"/>.</summary>
internal sealed class JobProgress(int rows, TextWriter output)
{
    private readonly ProgressBar _bar = new(output);
    private int _lastProcessed = -1;

    public void Report(int processed, string status)
    {
        if (processed == _lastProcessed)
        {
            return;
        }

        _lastProcessed = processed;
        _bar.Draw(processed, rows, string.Create(CultureInfo.InvariantCulture, $"{processed:N0} / {rows:N0} rows, {_bar.Rate(processed):N0}/s ({status})"));
    }

    public void Finish() => _bar.Finish();
}
