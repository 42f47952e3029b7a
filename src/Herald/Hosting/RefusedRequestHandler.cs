using Microsoft.AspNetCore.Diagnostics;

namespace Herald.Hosting;

/// <summary>
/// Kestrel refuses some requests only once a handler reads the body: over the size limit, a
/// malformed chunk. Outside the Notify-format APIs (which answer these in their own format), such
/// a refusal reached the exception handler as a 500 logged as an error, for what is the client's
/// mistake; it is answered with Kestrel's own status (413, 400) instead.
/// </summary>
internal sealed class RefusedRequestHandler : IExceptionHandler
{
    public ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is not BadHttpRequestException refused)
        {
            return ValueTask.FromResult(false);
        }

        httpContext.Response.StatusCode = refused.StatusCode;
        return ValueTask.FromResult(true);
    }
}
