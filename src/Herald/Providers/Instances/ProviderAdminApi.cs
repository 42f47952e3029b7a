using System.Text.Json.Serialization;
using Herald.Admin;
using Herald.NotifyFormat;

namespace Herald.Providers.Instances;

/// <summary>Provider instances: listed, created, changed with a reason, and their versions, under <c>/admin/api</c>.</summary>
public static class ProviderAdminApi
{
    public static IEndpointRouteBuilder MapProviderAdmin(this IEndpointRouteBuilder endpoints)
    {
        var admin = endpoints.MapAdminGroup().WithTags("Providers");
        var json = ProviderAdminJsonContext.Default;
        admin.MapGet("/providers", async (ProviderAdministration a, CancellationToken ct) =>
            TypedResults.Json(new ProviderListResponse(await a.ListAsync(ct)), json.ProviderListResponse))
            .WithSummary("List provider instances").Produces<ProviderListResponse>();
        admin.MapPost("/providers", async (HttpRequest r, ProviderAdministration a, CancellationToken ct) =>
            TypedResults.Json(await a.CreateAsync(await AdminEndpoints.ReadAsync(r, json.CreateProviderRequest, ct), ct), json.ProviderResponse, statusCode: 201))
            .WithSummary("Create a provider instance").ReadsJson<CreateProviderRequest>().Produces<ProviderResponse>(StatusCodes.Status201Created);
        admin.MapPut("/providers/{id}", async (string id, HttpRequest r, ProviderAdministration a, CancellationToken ct) =>
            TypedResults.Json(await a.UpdateAsync(AdminEndpoints.ParseId(id), await AdminEndpoints.ReadAsync(r, json.UpdateProviderRequest, ct), ct), json.ProviderResponse))
            .WithSummary("Change a provider instance, with a reason").ReadsJson<UpdateProviderRequest>().Produces<ProviderResponse>();
        admin.MapGet("/providers/{id}/versions", async (string id, ProviderAdministration a, CancellationToken ct) =>
            TypedResults.Json(new ProviderVersionListResponse(await a.VersionsAsync(AdminEndpoints.ParseId(id), ct)), json.ProviderVersionListResponse))
            .WithSummary("List a provider instance's versions").Produces<ProviderVersionListResponse>();
        return endpoints;
    }
}

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower, UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow)]
[JsonSerializable(typeof(CreateProviderRequest))]
[JsonSerializable(typeof(UpdateProviderRequest))]
[JsonSerializable(typeof(ProviderResponse))]
[JsonSerializable(typeof(ProviderListResponse))]
[JsonSerializable(typeof(ProviderVersionListResponse))]
internal sealed partial class ProviderAdminJsonContext : JsonSerializerContext;
