using Herald.Limits;
using Herald.Auth;
using Herald.Idempotency;
using Herald.NotifyFormat;
using Herald.Services;

namespace Herald.Api;

/// <summary>The services a /v2 handler uses, bound as one parameter.</summary>
public sealed record NotifyRequestContext(
    ApiAuthenticator Authenticator,
    IRateLimiter RateLimiter,
    NotificationSender Sender,
    NotificationQueries Notifications,
    TemplateQueries Templates,
    IdempotencyKeys Idempotency)
{
    /// <summary>A sending request's caller: the token checked, then a token taken from the service's rate limit for its key type.</summary>
    public async Task<ApiCaller> AuthenticateSenderAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        var caller = await Authenticator.AuthenticateAsync(request, cancellationToken);
        var service = caller.Service.Service;
        if (!await RateLimiter.TryAcquireAsync(caller.ServiceId, caller.Key.KeyType, service.RateLimitPerMinute, cancellationToken))
        {
            throw new NotifyApiException(429, "RateLimitError",
                $"Exceeded rate limit for key type {KeyTypeNames.RateLimitName(caller.Key.KeyType)} of {service.RateLimitPerMinute} requests per 60 seconds");
        }

        return caller;
    }
}
