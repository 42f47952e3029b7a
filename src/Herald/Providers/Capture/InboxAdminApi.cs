using System.Text.Json.Serialization;
using Herald.Admin;

namespace Herald.Providers.Capture;

/// <summary>The dev inbox, under <c>/admin/api</c>.</summary>
public static class InboxAdminApi
{
    public static IEndpointRouteBuilder MapInboxAdmin(this IEndpointRouteBuilder endpoints)
    {
        var admin = endpoints.MapAdminGroup().WithTags("Inbox");
        var json = InboxJsonContext.Default;
        admin.MapGet("/inbox", async (string? to, string? limit, InboxAdministration a, CancellationToken ct) =>
            TypedResults.Json(new InboxResponse(await a.InboxAsync(to, AdminEndpoints.ParseLimit(limit) ?? 50, ct)), json.InboxResponse))
            .WithSummary("Read the capture inbox").WithDescription("What the capture provider delivered, newest first; `to` filters by recipient.").Produces<InboxResponse>();
        return endpoints;
    }
}

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower, UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow)]
[JsonSerializable(typeof(InboxResponse))]
internal sealed partial class InboxJsonContext : JsonSerializerContext;
