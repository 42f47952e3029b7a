using System.Text.Json.Serialization;
using Herald.Admin;
using Herald.NotifyFormat;

namespace Herald.Templates;

/// <summary>A service's templates, under <c>/admin/api</c>.</summary>
public static class TemplateAdminApi
{
    public static IEndpointRouteBuilder MapTemplateAdmin(this IEndpointRouteBuilder endpoints)
    {
        var admin = endpoints.MapAdminGroup().WithTags("Templates");
        var json = TemplateAdminJsonContext.Default;
        admin.MapPost("/services/{id}/templates", async (string id, HttpRequest r, TemplateAdministration a, CancellationToken ct) =>
            TypedResults.Json(await a.CreateTemplateAsync(AdminEndpoints.ParseId(id), await AdminEndpoints.ReadAsync(r, json.CreateTemplateRequest, ct), ct), json.AdminTemplateResponse, statusCode: 201))
            .WithSummary("Create a template").ReadsJson<CreateTemplateRequest>().Produces<AdminTemplateResponse>(StatusCodes.Status201Created);
        admin.MapPut("/services/{id}/templates/{templateId}", async (string id, string templateId, HttpRequest r, TemplateAdministration a, CancellationToken ct) =>
            TypedResults.Json(await a.UpdateTemplateAsync(AdminEndpoints.ParseId(id), AdminEndpoints.ParseId(templateId), await AdminEndpoints.ReadAsync(r, json.UpdateTemplateRequest, ct), ct), json.AdminTemplateResponse))
            .WithSummary("Change a template (a new version)").ReadsJson<UpdateTemplateRequest>().Produces<AdminTemplateResponse>();
        admin.MapGet("/services/{id}/templates", async (string id, TemplateAdministration a, CancellationToken ct) =>
            TypedResults.Json(new AdminTemplateListResponse(await a.ListTemplatesAsync(AdminEndpoints.ParseId(id), ct)), json.AdminTemplateListResponse))
            .WithSummary("List a service's templates").Produces<AdminTemplateListResponse>();
        return endpoints;
    }
}

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower, UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow)]
[JsonSerializable(typeof(CreateTemplateRequest))]
[JsonSerializable(typeof(UpdateTemplateRequest))]
[JsonSerializable(typeof(AdminTemplateResponse))]
[JsonSerializable(typeof(AdminTemplateListResponse))]
internal sealed partial class TemplateAdminJsonContext : JsonSerializerContext;
