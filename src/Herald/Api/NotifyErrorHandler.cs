using Microsoft.AspNetCore.Diagnostics;
using Herald.Notifications;
using Microsoft.AspNetCore.Http.HttpResults;
using Herald.NotifyFormat;
using Herald.Storage;

namespace Herald.Api;

/// <summary>Writes <see cref="NotifyApiException"/>s, and any other failure, in Notify's error format.</summary>
internal sealed partial class NotifyErrorHandler(NotificationMetrics metrics, ILogger<NotifyErrorHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        var path = httpContext.Request.Path;
        if (!path.StartsWithSegments("/v2") && !path.StartsWithSegments("/admin/api"))
        {
            return false;
        }

        NotifyErrorBody body;
        if (exception is NotifyApiException notify)
        {
            body = new NotifyErrorBody(notify.StatusCode, [.. notify.Messages.Select(m => new NotifyErrorItem(notify.Error, m))]);
        }
        else if (exception is BadHttpRequestException bad)
        {
            body = new NotifyErrorBody(bad.StatusCode, [new NotifyErrorItem("BadRequestError", bad.Message)]);
        }
        else if (DatabaseUnavailable.Is(exception))
        {
            // Expected while the database restarts: one line, no stack, and a status clients retry.
            LogDatabaseUnavailable(logger, httpContext.TraceIdentifier, exception.GetBaseException().Message);
            httpContext.Response.Headers.RetryAfter = "1";
            body = new NotifyErrorBody(503, [new NotifyErrorItem("ServiceUnavailableError", "The database is unavailable; try again shortly")]);
        }
        else
        {
            LogUnhandled(logger, exception, httpContext.TraceIdentifier);
            body = new NotifyErrorBody(500, [new NotifyErrorItem("Exception", "Internal server error")]);
        }

        metrics.ApiError(body.StatusCode, body.Errors[0].Error);
        httpContext.Response.StatusCode = body.StatusCode;
        await httpContext.Response.WriteAsJsonAsync(body, ApiJsonContext.Default.NotifyErrorBody, cancellationToken: cancellationToken);
        return true;
    }

    /// <summary>For endpoints that answer an error without throwing.</summary>
    public static JsonHttpResult<NotifyErrorBody> Result(NotifyApiException exception) => TypedResults.Json(
        new NotifyErrorBody(exception.StatusCode, [.. exception.Messages.Select(m => new NotifyErrorItem(exception.Error, m))]),
        ApiJsonContext.Default.NotifyErrorBody, statusCode: exception.StatusCode);

    [LoggerMessage(2001, LogLevel.Error, "Unhandled error answering request {TraceId}")]
    private static partial void LogUnhandled(ILogger logger, Exception exception, string traceId);

    [LoggerMessage(2002, LogLevel.Warning, "Answered request {TraceId} 503: the database is unavailable ({Reason})")]
    private static partial void LogDatabaseUnavailable(ILogger logger, string traceId, string reason);
}
