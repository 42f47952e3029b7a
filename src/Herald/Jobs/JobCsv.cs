using Herald.NotifyFormat;
using Sylvan.Data.Csv;

namespace Herald.Jobs;

/// <summary>
/// Reads a job's CSV with Sylvan.Data.Csv: quoted commas and line breaks, CRLF or LF, and a byte
/// order mark are the library's to handle; blank rows (a spreadsheet's trailing empty lines) are
/// skipped here and take no row number.
/// </summary>
internal sealed class JobCsv : IDisposable
{
    /// <summary>Longest record, in characters: a cell may hold an email's worth of text, no more.</summary>
    private const int MaxRecordChars = 2 * 1024 * 1024 + 64 * 1024;

    private readonly CsvDataReader _reader;

    private JobCsv(CsvDataReader reader, IReadOnlyList<string> columns)
    {
        _reader = reader;
        Columns = columns;
    }

    /// <summary>The header's names, trimmed.</summary>
    public IReadOnlyList<string> Columns { get; }

    /// <summary>The current row's number in the job, from 0, counting only rows that are not blank (Notify's <c>job_row_number</c>).</summary>
    public int Index { get; private set; } = -1;

    /// <summary>The current row as a spreadsheet numbers it: the header is row 1, blank rows count.</summary>
    public int SpreadsheetRow { get; private set; } = 1;

    public static JobCsv Open(string text)
    {
        // A BOM read from a stream is the decoder's; one left in a JSON upload's text is ours.
        var reader = new StringReader(text.Length > 0 && text[0] == '\uFEFF' ? text[1..] : text);
        try
        {
            var csv = CsvDataReader.Create(reader, new CsvDataReaderOptions
            {
                HasHeaders = true,
                Delimiter = ',',
                MaxBufferSize = MaxRecordChars,
                OwnsReader = true,
            });
            var columns = Enumerable.Range(0, csv.FieldCount).Select(i => csv.GetName(i).Trim()).ToList();
            if (columns.All(c => c.Length == 0))
            {
                csv.Dispose();
                throw NotifyApiException.BadRequest("The file is empty: its first row must name the columns");
            }

            return new JobCsv(csv, columns);
        }
        catch (Exception ex) when (ex is CsvFormatException or CsvRecordTooLargeException or CsvMissingHeadersException)
        {
            throw NotifyApiException.BadRequest("The file is empty or its header row is not valid CSV");
        }
    }

    /// <summary>Moves to the next row that is not blank; false at the end.</summary>
    public bool Read()
    {
        while (true)
        {
            bool more;
            try
            {
                more = _reader.Read();
            }
            catch (CsvRecordTooLargeException)
            {
                throw NotifyApiException.BadRequest($"Row {SpreadsheetRow + 1} is too long: a row can be {MaxRecordChars} characters at most");
            }
            catch (CsvFormatException)
            {
                throw NotifyApiException.BadRequest($"Row {SpreadsheetRow + 1} is not valid CSV");
            }

            if (!more)
            {
                return false;
            }

            SpreadsheetRow++;
            if (!IsBlank())
            {
                Index++;
                return true;
            }
        }
    }

    /// <summary>
    /// The current row's cell in <paramref name="column"/> as written (a recipient's padding is
    /// the send rules' to forgive); empty when the row is shorter.
    /// </summary>
    public string Field(int column) =>
        column < _reader.RowFieldCount ? _reader.GetString(column) : "";

    private bool IsBlank()
    {
        for (var i = 0; i < _reader.RowFieldCount; i++)
        {
            if (!_reader.GetFieldSpan(i).IsWhiteSpace())
            {
                return false;
            }
        }

        return true;
    }

    public void Dispose() => _reader.Dispose();
}
