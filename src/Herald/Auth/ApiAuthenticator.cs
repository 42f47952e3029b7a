using Herald.Services;
using Herald.NotifyFormat;

namespace Herald.Auth;

/// <summary>Notify's bearer-JWT authentication, with Notify's 401 and 403 messages.</summary>
public sealed class ApiAuthenticator(ServiceDirectory services, TimeProvider time)
{
    private static readonly TimeSpan AllowedSkew = TimeSpan.FromSeconds(30);

    public async Task<ApiCaller> AuthenticateAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        var header = request.Headers.Authorization.ToString();
        if (string.IsNullOrWhiteSpace(header))
        {
            throw NotifyApiException.Auth(401, "Unauthorized: authentication token must be provided");
        }

        var space = header.IndexOf(' ', StringComparison.Ordinal);
        if (space < 0 || !header.AsSpan(0, space).Equals("Bearer", StringComparison.OrdinalIgnoreCase))
        {
            throw NotifyApiException.Auth(401, "Unauthorized: authentication bearer scheme must be used");
        }

        var token = NotifyToken.Parse(header[(space + 1)..].Trim());
        if (!Guid.TryParse(token.Issuer, out var serviceId))
        {
            throw NotifyApiException.Auth(403, "Invalid token: service id is not the right data type");
        }

        var service = await services.FindAsync(serviceId, cancellationToken)
            ?? throw NotifyApiException.Auth(403, "Invalid token: service not found");
        if (service.Keys.Count == 0)
        {
            throw NotifyApiException.Auth(403, "Invalid token: service has no API keys");
        }

        if (service.Service.Archived)
        {
            throw NotifyApiException.Auth(403, "Invalid token: service is archived");
        }

        foreach (var key in service.Keys)
        {
            if (!token.IsSignedWith(key.Secret))
            {
                continue;
            }

            if (key.Revoked)
            {
                throw NotifyApiException.Auth(403, "Invalid token: API key revoked");
            }

            if (token.IssuedAt is not { } iat)
            {
                throw NotifyApiException.Auth(403, "Invalid token: iat field not provided");
            }

            var skew = time.GetUtcNow() - DateTimeOffset.FromUnixTimeSeconds(iat);
            if (skew.Duration() > AllowedSkew)
            {
                throw NotifyApiException.Auth(403, "Error: Your system clock must be accurate to within 30 seconds");
            }

            return new ApiCaller(service, key);
        }

        throw NotifyApiException.Auth(403, "Invalid token: API key not found");
    }
}
