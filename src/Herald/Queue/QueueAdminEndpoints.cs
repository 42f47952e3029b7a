using System.Text.Json.Serialization;
using Herald.Admin;

namespace Herald.Queue;

/// <summary>The queue's backlog and dead items, under <c>/admin/api</c>.</summary>
public static class QueueAdminEndpoints
{
    public static IEndpointRouteBuilder MapQueueAdmin(this IEndpointRouteBuilder endpoints)
    {
        var admin = endpoints.MapAdminGroup();
        var json = QueueAdminJsonContext.Default;
        admin.MapGet("/queue", async (QueueAdministration q, CancellationToken ct) =>
            TypedResults.Json(await QueueAdminApi.CountsAsync(q, ct), json.QueueResponse));
        admin.MapGet("/queue/dead", async (string? limit, QueueAdministration q, CancellationToken ct) =>
            TypedResults.Json(await QueueAdminApi.DeadAsync(AdminEndpoints.ParseLimit(limit), q, ct), json.DeadItemListResponse));
        admin.MapPost("/queue/dead/replay", async (HttpRequest r, QueueAdministration q, CancellationToken ct) =>
            TypedResults.Json(await QueueAdminApi.ReplayAsync(await AdminEndpoints.ReadAsync(r, json.ReplayRequest, ct), q, ct), json.ReplayResponse));

        return endpoints;
    }
}

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower, UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow)]
[JsonSerializable(typeof(QueueResponse))]
[JsonSerializable(typeof(DeadItemListResponse))]
[JsonSerializable(typeof(ReplayRequest))]
[JsonSerializable(typeof(ReplayResponse))]
internal sealed partial class QueueAdminJsonContext : JsonSerializerContext;
