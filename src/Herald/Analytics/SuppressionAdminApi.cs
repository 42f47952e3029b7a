using Herald.Admin;
using Herald.NotifyFormat;
using Herald.Recipients;
using Herald.Services;

namespace Herald.Analytics;

/// <summary>A service's suppressed addresses, under <c>/admin/api</c>: list them, lift one.</summary>
public static class SuppressionAdminApi
{
    private const int DefaultLimit = 100;

    public static IEndpointRouteBuilder MapAnalyticsAdmin(this IEndpointRouteBuilder endpoints)
    {
        var admin = endpoints.MapAdminGroup().WithTags("Analytics");
        admin.MapGet("/services/{id}/suppressions", async (string id, string? limit, SuppressionList list, ServiceDirectory services, CancellationToken ct) =>
            {
                var serviceId = await KnownServiceAsync(services, id, ct);
                var rows = await list.ListAsync(serviceId, AdminEndpoints.ParseLimit(limit) ?? DefaultLimit, ct);
                return TypedResults.Json(new SuppressionListResponse([.. rows.Select(SuppressionResponse.From)]), AnalyticsJsonContext.Default.SuppressionListResponse);
            })
            .WithSummary("List a service's suppressed addresses")
            .WithDescription("Addresses whose recipient unsubscribed, complained or bounced for good, newest first (`limit`, default 100). A send to one ends `permanent-failure` at once, without a provider call.")
            .Produces<SuppressionListResponse>();
        admin.MapDelete("/services/{id}/suppressions/{address}", async (string id, string address, SuppressionList list, ServiceDirectory services, CancellationToken ct) =>
            {
                var serviceId = await KnownServiceAsync(services, id, ct);
                var normalised = EmailAddressValidator.Validate(address) is { IsValid: true, Normalised: { } n } ? n : throw NotifyApiException.NotFound();
                return await list.LiftAsync(serviceId, normalised, ct) ? Results.NoContent() : throw NotifyApiException.NotFound();
            })
            .WithSummary("Lift a suppression")
            .WithDescription("The address may be sent to again. 404 when it was not suppressed.");
        return endpoints;
    }

    private static async Task<Guid> KnownServiceAsync(ServiceDirectory services, string id, CancellationToken ct)
    {
        var serviceId = AdminEndpoints.ParseId(id);
        return await services.FindAsync(serviceId, ct) is not null ? serviceId : throw NotifyApiException.NotFound();
    }
}

public sealed record SuppressionListResponse(IReadOnlyList<SuppressionResponse> Suppressions);

public sealed record SuppressionResponse(string Address, string Reason, Guid NotificationId, DateTime CreatedAt)
{
    public static SuppressionResponse From(SuppressionRecord r) => new(r.Address, r.Reason, r.NotificationId, DateTime.SpecifyKind(r.CreatedAt, DateTimeKind.Utc));
}
