using System.Globalization;
using System.Text.RegularExpressions;

namespace Herald.AdminUi.Services;

/// <summary>
/// A refused upload's messages, split for the page: those of one row ("Row 7: …", as the jobs
/// validator words them, the header being row 1) go in the table, the rest (a missing column, the
/// count of rows not listed, the daily limit) above it.
/// </summary>
public sealed partial record JobUploadErrors(IReadOnlyList<string> File, IReadOnlyList<(int Row, string Message)> Rows)
{
    public static readonly JobUploadErrors None = new([], []);

    public bool Any => File.Count > 0 || Rows.Count > 0;

    public static JobUploadErrors From(IEnumerable<string> messages)
    {
        List<string> file = [];
        List<(int, string)> rows = [];
        foreach (var message in messages)
        {
            var match = RowMessage().Match(message);
            if (match.Success && int.TryParse(match.Groups["row"].ValueSpan, NumberStyles.None, CultureInfo.InvariantCulture, out var row))
            {
                rows.Add((row, match.Groups["message"].Value));
            }
            else
            {
                file.Add(message);
            }
        }

        return new JobUploadErrors(file, rows);
    }

    [GeneratedRegex(@"^Row (?<row>[0-9]{1,9}): (?<message>.*)$", RegexOptions.Singleline | RegexOptions.CultureInvariant)]
    private static partial Regex RowMessage();
}
