using Microsoft.Extensions.Logging;

namespace Herald.Fakes;

internal static partial class Log
{
    [LoggerMessage(1, LogLevel.Warning, "{Provider} receipt to {Url} got no answer: {Reason}")]
    public static partial void ReceiptUnanswered(ILogger logger, string provider, string url, string reason);

    [LoggerMessage(2, LogLevel.Error, "{Provider} receipts for {MessageId} failed")]
    public static partial void ReceiptsFailed(ILogger logger, string provider, string messageId, Exception exception);
}
