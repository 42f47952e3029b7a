using Herald.Storage;
using Microsoft.AspNetCore.Diagnostics;

namespace Herald.Hosting;

/// <summary>
/// Kestrel refuses some requests only once a handler reads the body: over the size limit, a
/// malformed chunk. Outside the Notify-format APIs (which answer these in their own format), such
/// a refusal reached the exception handler as a 500 logged as an error, for what is the client's
/// mistake; it is answered with Kestrel's own status (413, 400) instead. A database that is down
/// or restarting is answered 503 rather than 500, so that providers retry their webhooks.
/// </summary>
internal sealed class RefusedRequestHandler : IExceptionHandler
{
    public ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is BadHttpRequestException refused)
        {
            httpContext.Response.StatusCode = refused.StatusCode;
            return ValueTask.FromResult(true);
        }

        // Webhooks and the rest while the database restarts: providers retry a 503.
        if (DatabaseUnavailable.Is(exception))
        {
            httpContext.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
            httpContext.Response.Headers.RetryAfter = "1";
            return ValueTask.FromResult(true);
        }

        return ValueTask.FromResult(false);
    }
}
