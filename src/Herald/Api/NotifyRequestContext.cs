using Herald.Limits;
using Herald.Auth;
using Herald.Idempotency;

namespace Herald.Api;

/// <summary>The services a /v2 handler uses, bound as one parameter.</summary>
public sealed record NotifyRequestContext(
    ApiAuthenticator Authenticator,
    IRateLimiter RateLimiter,
    NotificationSender Sender,
    NotificationQueries Notifications,
    TemplateQueries Templates,
    IdempotencyKeys Idempotency);
