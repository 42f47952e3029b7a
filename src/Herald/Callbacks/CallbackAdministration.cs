using Herald.Services;
using Herald.Storage;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Herald.NotifyFormat;
using Herald.Outbound;

namespace Herald.Callbacks;

public sealed record SetCallbackRequest(string? Url, string? BearerToken);

public sealed record CallbackResponse(Guid ServiceId, string Kind, string Url);

/// <summary>Registers a service's callback URLs, checking them against the outbound policy.</summary>
public sealed class CallbackAdministration(
    HeraldDatabase database, ServiceDirectory services, OutboundUrlPolicy policy, IOptions<OutboundOptions> options, IDataProtectionProvider protection,
    TimeProvider time)
{
    public async Task<CallbackResponse> SetAsync(Guid serviceId, string kind, SetCallbackRequest request, CancellationToken cancellationToken)
    {
        await using var context = database.CreateContext();
        if (!await context.Services.AnyAsync(s => s.Id == serviceId, cancellationToken) || !CallbackKinds.All.Contains(kind))
        {
            throw NotifyApiException.NotFound();
        }

        var errors = new List<string>();
        Uri? url = null;
        if (string.IsNullOrWhiteSpace(request.Url) || !Uri.TryCreate(request.Url, UriKind.Absolute, out url) || (url.Scheme != Uri.UriSchemeHttps && url.Scheme != Uri.UriSchemeHttp))
        {
            errors.Add("url is not a valid URL");
        }
        else if (options.Value.RefusesScheme(url))
        {
            errors.Add("url must be https");
        }

        if (request.BearerToken is not { Length: >= 10 })
        {
            errors.Add("bearer_token must be at least 10 characters");
        }
        else if (request.BearerToken.Length > 1000)
        {
            errors.Add("bearer_token is too long (1000 characters at most)");
        }

        if (errors.Count == 0 && await policy.CheckAsync(url!, cancellationToken) is { } refused)
        {
            errors.Add($"url is not allowed: {refused}");
        }

        if (errors.Count > 0)
        {
            throw NotifyApiException.Validation(errors);
        }

        var record = await context.ServiceCallbacks.FirstOrDefaultAsync(c => c.ServiceId == serviceId && c.Kind == kind, cancellationToken);
        var token = protection.CreateProtector(CallbackKinds.TokenPurpose).Protect(request.BearerToken!);
        if (record is null)
        {
            context.ServiceCallbacks.Add(new ServiceCallbackRecord
            {
                ServiceId = serviceId, Kind = kind, Url = url!.ToString(), ProtectedBearerToken = token, UpdatedAt = time.GetUtcNow().UtcDateTime,
            });
        }
        else
        {
            record.Url = url!.ToString();
            record.ProtectedBearerToken = token;
            record.UpdatedAt = time.GetUtcNow().UtcDateTime;
        }

        await context.SaveChangesAsync(cancellationToken);
        services.Invalidate(serviceId);
        return new CallbackResponse(serviceId, kind, url!.ToString());
    }
}
