using System.Text.Json.Serialization;
using Herald.Admin;
using Herald.NotifyFormat;

namespace Herald.Retention;

/// <summary>A service's retention per channel, under <c>/admin/api</c>.</summary>
public static class RetentionAdminApi
{
    public static IEndpointRouteBuilder MapRetentionAdmin(this IEndpointRouteBuilder endpoints)
    {
        var admin = endpoints.MapAdminGroup().WithTags("Retention");
        var json = RetentionJsonContext.Default;
        admin.MapGet("/services/{id}/retention", async (string id, RetentionAdministration a, CancellationToken ct) =>
            TypedResults.Json(await a.ListAsync(AdminEndpoints.ParseId(id), ct), json.RetentionListResponse))
            .WithSummary("Get a service's retention per channel").Produces<RetentionListResponse>();
        admin.MapPut("/services/{id}/retention/{channel}", async (string id, string channel, HttpRequest r, RetentionAdministration a, CancellationToken ct) =>
            TypedResults.Json(await a.SetAsync(AdminEndpoints.ParseId(id), channel, await AdminEndpoints.ReadAsync(r, json.SetRetentionRequest, ct), ct), json.RetentionResponse))
            .WithSummary("Set how many days a channel's notifications are kept")
            .WithDescription("`channel` is email or sms; `days` 3 to 90. Older notifications move to history, without recipient or content, in the nightly archive.")
            .ReadsJson<SetRetentionRequest>().Produces<RetentionResponse>();
        return endpoints;
    }
}

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower, UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow)]
[JsonSerializable(typeof(RetentionListResponse))]
[JsonSerializable(typeof(RetentionResponse))]
[JsonSerializable(typeof(SetRetentionRequest))]
internal sealed partial class RetentionJsonContext : JsonSerializerContext;
