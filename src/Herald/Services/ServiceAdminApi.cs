using System.Text.Json.Serialization;
using Herald.Admin;
using Herald.NotifyFormat;

namespace Herald.Services;

/// <summary>Services, their team and guest list, and their API keys, under <c>/admin/api</c>.</summary>
public static class ServiceAdminApi
{
    public static IEndpointRouteBuilder MapServiceAdmin(this IEndpointRouteBuilder endpoints)
    {
        var admin = endpoints.MapAdminGroup().WithTags("Services");
        var json = ServiceAdminJsonContext.Default;
        admin.MapPost("/services", async (HttpRequest r, ServiceAdministration a, CancellationToken ct) =>
            TypedResults.Json(await a.CreateServiceAsync(await AdminEndpoints.ReadAsync(r, json.CreateServiceRequest, ct), ct), json.ServiceResponse, statusCode: 201))
            .WithSummary("Create a service").ReadsJson<CreateServiceRequest>().Produces<ServiceResponse>(StatusCodes.Status201Created);
        admin.MapGet("/services", async (ServiceAdministration a, CancellationToken ct) =>
            TypedResults.Json(new ServiceListResponse(await a.ListServicesAsync(ct)), json.ServiceListResponse))
            .WithSummary("List services").Produces<ServiceListResponse>();
        admin.MapGet("/services/{id}", async (string id, ServiceAdministration a, CancellationToken ct) =>
            TypedResults.Json(await a.GetServiceAsync(AdminEndpoints.ParseId(id), ct), json.ServiceResponse))
            .WithSummary("Get a service").Produces<ServiceResponse>();
        admin.MapPatch("/services/{id}", async (string id, HttpRequest r, ServiceAdministration a, CancellationToken ct) =>
            TypedResults.Json(await a.UpdateServiceAsync(AdminEndpoints.ParseId(id), await AdminEndpoints.ReadAsync(r, json.UpdateServiceRequest, ct), ct), json.ServiceResponse))
            .WithSummary("Change a service's name, limits or trial mode").ReadsJson<UpdateServiceRequest>().Produces<ServiceResponse>();
        admin.MapPost("/services/{id}/members", async (string id, HttpRequest r, ServiceAdministration a, CancellationToken ct) =>
            TypedResults.Json(await a.AddRecipientAsync(AdminEndpoints.ParseId(id), ServiceRecipientKind.TeamMember, await AdminEndpoints.ReadAsync(r, json.AddRecipientRequest, ct), ct), json.RecipientResponse, statusCode: 201))
            .WithSummary("Add a team member (a recipient a team key may send to)").ReadsJson<AddRecipientRequest>().Produces<RecipientResponse>(StatusCodes.Status201Created);
        admin.MapPost("/services/{id}/guest-list", async (string id, HttpRequest r, ServiceAdministration a, CancellationToken ct) =>
            TypedResults.Json(await a.AddRecipientAsync(AdminEndpoints.ParseId(id), ServiceRecipientKind.GuestList, await AdminEndpoints.ReadAsync(r, json.AddRecipientRequest, ct), ct), json.RecipientResponse, statusCode: 201))
            .WithSummary("Add a guest list recipient").ReadsJson<AddRecipientRequest>().Produces<RecipientResponse>(StatusCodes.Status201Created);
        admin.MapPost("/services/{id}/api-keys", async (string id, HttpRequest r, ServiceAdministration a, CancellationToken ct) =>
            TypedResults.Json(await a.CreateApiKeyAsync(AdminEndpoints.ParseId(id), await AdminEndpoints.ReadAsync(r, json.CreateApiKeyRequest, ct), ct), json.ApiKeyCreatedResponse, statusCode: 201))
            .WithSummary("Create an API key").WithDescription("The answer holds the key itself, once; Herald keeps it encrypted.")
            .ReadsJson<CreateApiKeyRequest>().Produces<ApiKeyCreatedResponse>(StatusCodes.Status201Created);
        admin.MapDelete("/services/{id}/api-keys/{keyId}", async (string id, string keyId, ServiceAdministration a, CancellationToken ct) =>
        {
            await a.RevokeApiKeyAsync(AdminEndpoints.ParseId(id), AdminEndpoints.ParseId(keyId), ct);
            return TypedResults.NoContent();
        }).WithSummary("Revoke an API key");
        return endpoints;
    }
}

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower, UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow)]
[JsonSerializable(typeof(CreateServiceRequest))]
[JsonSerializable(typeof(UpdateServiceRequest))]
[JsonSerializable(typeof(ServiceResponse))]
[JsonSerializable(typeof(ServiceListResponse))]
[JsonSerializable(typeof(AddRecipientRequest))]
[JsonSerializable(typeof(RecipientResponse))]
[JsonSerializable(typeof(CreateApiKeyRequest))]
[JsonSerializable(typeof(ApiKeyCreatedResponse))]
internal sealed partial class ServiceAdminJsonContext : JsonSerializerContext;
