using System.Globalization;
using System.Net;
using System.Threading.RateLimiting;
using Herald.AdminUi;
using Herald.Pushers.Email;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;

namespace Herald.Hosting;

/// <summary>
/// The limits every request meets before a feature reads it (<see cref="EdgeOptions"/>): a body
/// limit by route family, enforced by Kestrel as the body is read (413, in Notify's format on the
/// APIs), and per-IP token buckets on the unauthenticated routes (429 with Retry-After).
/// </summary>
internal static class EdgeLimits
{
    public static IHostApplicationBuilder AddEdgeLimits(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<EdgeOptions>().BindConfiguration(EdgeOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddRateLimiter(limiter =>
        {
            limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            limiter.OnRejected = (rejected, _) =>
            {
                if (rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter))
                {
                    rejected.HttpContext.Response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
                }

                return ValueTask.CompletedTask;
            };
            limiter.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(context =>
            {
                var options = context.RequestServices.GetRequiredService<IOptions<EdgeOptions>>().Value;
                var path = context.Request.Path;
                var ip = (context.Connection.RemoteIpAddress ?? IPAddress.None).ToString();
                if (IsWebhook(path) && options.WebhooksPerSecondPerIp > 0)
                {
                    return Bucket("webhooks " + ip, options.WebhooksPerSecondPerIp, TimeSpan.FromSeconds(1));
                }

                if (path.StartsWithSegments(EmailUnsubscribeApi.Path) && options.UnsubscribesPerMinutePerIp > 0)
                {
                    return Bucket("unsubscribe " + ip, options.UnsubscribesPerMinutePerIp, TimeSpan.FromMinutes(1));
                }

                if (HttpMethods.IsPost(context.Request.Method) && path.StartsWithSegments(AdminUiRegistration.Path + "/sign-in") && options.SignInsPerMinutePerIp > 0)
                {
                    return Bucket("sign-in " + ip, options.SignInsPerMinutePerIp, TimeSpan.FromMinutes(1));
                }

                return RateLimitPartition.GetNoLimiter("");
            });
        });
        return builder;
    }

    public static WebApplication UseEdgeLimits(this WebApplication app)
    {
        app.Use((context, next) =>
        {
            if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } body)
            {
                body.MaxRequestBodySize = BodyLimit(context.Request.Path, context.RequestServices.GetRequiredService<IOptions<EdgeOptions>>().Value);
            }

            return next(context);
        });
        app.UseRateLimiter();
        return app;
    }

    private static long BodyLimit(PathString path, EdgeOptions options) =>
        (path.StartsWithSegments("/admin/api/services") && path.Value!.EndsWith("/jobs", StringComparison.OrdinalIgnoreCase))
            || path.Equals("/v2/notifications/bulk", StringComparison.OrdinalIgnoreCase) ? options.JobUploadBodyBytes
        : path.StartsWithSegments("/v2/push") ? options.PushApiBodyBytes
        : path.StartsWithSegments("/v2") ? options.NotifyApiBodyBytes
        : path.StartsWithSegments(AdminUiRegistration.Path) ? options.AdminApiBodyBytes
        : IsWebhook(path) ? options.WebhookBodyBytes
        : options.OtherBodyBytes;

    private static bool IsWebhook(PathString path) => path.StartsWithSegments("/receipts") || path.StartsWithSegments("/inbound");

    /// <summary>Sustained <paramref name="permits"/> per <paramref name="period"/>, and as many again in a burst.</summary>
    private static RateLimitPartition<string> Bucket(string key, int permits, TimeSpan period) =>
        RateLimitPartition.GetTokenBucketLimiter(key, _ => new TokenBucketRateLimiterOptions
        {
            TokenLimit = 2 * permits,
            TokensPerPeriod = permits,
            ReplenishmentPeriod = period,
            QueueLimit = 0,
            AutoReplenishment = true,
        });
}
