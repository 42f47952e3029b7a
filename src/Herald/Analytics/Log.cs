namespace Herald.Analytics;

internal static partial class Log
{
    [LoggerMessage(9104, LogLevel.Warning, "Analytics loop {Loop} of account {Account} failed to fetch [{Begin:o}, {End:o}]; its position stays at {Begin:o}")]
    public static partial void FetchFailed(ILogger logger, Exception exception, string account, string loop, DateTime begin, DateTime end);

    [LoggerMessage(9105, LogLevel.Information, "Analytics loop {Loop} of account {Account}: {Events} events in [{Begin:o}, {End:o}], position now {Position:o}")]
    public static partial void Ran(ILogger logger, string account, string loop, int events, DateTime begin, DateTime end, DateTime? position);

    [LoggerMessage(9106, LogLevel.Information, "Analytics loop {Loop} of account {Account} is running elsewhere; skipped")]
    public static partial void Busy(ILogger logger, string account, string loop);
}
