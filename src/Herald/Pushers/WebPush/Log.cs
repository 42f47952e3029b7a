namespace Herald.Pushers.WebPush;

// Endpoints are capability URLs: only their origin (scheme, host, port) is ever logged.
internal static partial class Log
{
    [LoggerMessage(8501, LogLevel.Debug, "Web push to {Origin} accepted (HTTP {StatusCode})")]
    public static partial void Delivered(ILogger logger, string origin, int statusCode);

    [LoggerMessage(8502, LogLevel.Information, "Web push to {Origin} answered HTTP {StatusCode}: the subscription is gone")]
    public static partial void Gone(ILogger logger, string origin, int statusCode);

    [LoggerMessage(8503, LogLevel.Warning, "Web push to {Origin} answered HTTP {StatusCode}; will retry")]
    public static partial void RetryStatus(ILogger logger, string origin, int statusCode);

    [LoggerMessage(8504, LogLevel.Warning, "Web push to {Origin} failed in transport; will retry")]
    public static partial void RetryTransport(ILogger logger, Exception exception, string origin);

    [LoggerMessage(8505, LogLevel.Warning, "Web push to {Origin} answered HTTP {StatusCode}: rejected, not retried")]
    public static partial void RejectedStatus(ILogger logger, string origin, int statusCode);

    [LoggerMessage(8506, LogLevel.Warning, "Web push to {Origin} not sent: {Reason}")]
    public static partial void NotSent(ILogger logger, string origin, string reason);
}
