namespace Herald.Jobs;

/// <summary>
/// What checking every row of a job found: its rows, the errors of the first
/// <see cref="JobFile.MaxListedErrors"/> bad rows and how many rows are bad, and the sends it
/// asks of each daily counter (channel and limit).
/// </summary>
public sealed record JobValidation(int RowCount, IReadOnlyList<string> Errors, int BadRows, IReadOnlyDictionary<(string Channel, int Limit), int> DailyCounts);
