using System.Text.Json.Serialization;
using Herald.Admin;
using Herald.NotifyFormat;

namespace Herald.Queue;

/// <summary>
/// The queue as an operator sees it through the admin API: the backlog by kind, dead items (retries
/// exhausted, kept), and replaying them; the same as <c>herald queue dead|replay</c>.
/// </summary>
public static class QueueAdminApi
{
    public static IEndpointRouteBuilder MapQueueAdmin(this IEndpointRouteBuilder endpoints)
    {
        var admin = endpoints.MapAdminGroup().WithTags("Queue");
        var json = QueueAdminJsonContext.Default;
        admin.MapGet("/queue", async (QueueAdministration q, CancellationToken ct) =>
            TypedResults.Json(await CountsAsync(q, ct), json.QueueResponse))
            .WithSummary("Count the queue by kind").Produces<QueueResponse>();
        admin.MapGet("/queue/dead", async (string? limit, QueueAdministration q, CancellationToken ct) =>
            TypedResults.Json(await DeadAsync(AdminEndpoints.ParseLimit(limit), q, ct), json.DeadItemListResponse))
            .WithSummary("List dead items (retries exhausted)").Produces<DeadItemListResponse>();
        admin.MapPost("/queue/dead/replay", async (HttpRequest r, QueueAdministration q, CancellationToken ct) =>
            TypedResults.Json(await ReplayAsync(await AdminEndpoints.ReadAsync(r, json.ReplayRequest, ct), q, ct), json.ReplayResponse))
            .WithSummary("Replay dead items").ReadsJson<ReplayRequest>().Produces<ReplayResponse>();

        return endpoints;
    }

    private static async Task<QueueResponse> CountsAsync(QueueAdministration queue, CancellationToken ct)
    {
        var counts = await queue.CountAsync(ct);
        return new QueueResponse([.. counts.GroupBy(c => c.Kind).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => new QueueKindResponse(
            g.Key, g.Where(c => c.State != QueueItemState.Dead).Sum(c => c.Count), g.Where(c => c.State == QueueItemState.Dead).Sum(c => c.Count)))]);
    }

    private static async Task<DeadItemListResponse> DeadAsync(int? limit, QueueAdministration queue, CancellationToken ct)
    {
        var items = await queue.ListDeadAsync(limit ?? QueueAdministration.DefaultDeadListed, ct);
        return new DeadItemListResponse([.. items.Select(i => new DeadItemResponse(
            i.Id, i.Kind, i.Reference, i.Attempts, i.LastError, ApiTime.Format(DateTimeOffset.FromUnixTimeMilliseconds(i.CreatedAt).UtcDateTime)))]);
    }

    private static async Task<ReplayResponse> ReplayAsync(ReplayRequest request, QueueAdministration queue, CancellationToken ct)
    {
        var all = request.All == true;
        var ids = request.Ids ?? [];
        if (all == (ids.Count > 0))
        {
            throw NotifyApiException.Validation(["name the dead item ids to replay, or all: true (not both)"]);
        }

        return new ReplayResponse(await queue.ReplayAsync(all ? null : ids, ct));
    }
}

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower, UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow)]
[JsonSerializable(typeof(QueueResponse))]
[JsonSerializable(typeof(DeadItemListResponse))]
[JsonSerializable(typeof(ReplayRequest))]
[JsonSerializable(typeof(ReplayResponse))]
internal sealed partial class QueueAdminJsonContext : JsonSerializerContext;
