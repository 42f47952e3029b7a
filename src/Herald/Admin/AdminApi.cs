using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Herald.Api;
using Herald.Callbacks;
using Herald.Providers.Instances;
using Herald.Queue;
using Herald.Services;
using Herald.NotifyFormat;

namespace Herald.Admin;

/// <summary>The admin JSON API under <c>/admin/api</c>, behind the admin bearer token.</summary>
public static class AdminApi
{
    public static WebApplication MapAdminApi(this WebApplication app)
    {
        var admin = app.MapGroup("/admin/api").AddEndpointFilter(async (context, next) =>
        {
            RequireToken(context.HttpContext);
            return await next(context);
        });
        var json = AdminJsonContext.Default;

        admin.MapPost("/services", async (HttpRequest r, ServiceAdministration a, CancellationToken ct) =>
            TypedResults.Json(await a.CreateServiceAsync(await ReadAsync(r, json.CreateServiceRequest, ct), ct), json.ServiceResponse, statusCode: 201));
        admin.MapGet("/services", async (ServiceAdministration a, CancellationToken ct) =>
            TypedResults.Json(new ServiceListResponse(await a.ListServicesAsync(ct)), json.ServiceListResponse));
        admin.MapGet("/services/{id}", async (string id, ServiceAdministration a, CancellationToken ct) =>
            TypedResults.Json(await a.GetServiceAsync(ParseId(id), ct), json.ServiceResponse));
        admin.MapPost("/services/{id}/members", async (string id, HttpRequest r, ServiceAdministration a, CancellationToken ct) =>
            TypedResults.Json(await a.AddRecipientAsync(ParseId(id), ServiceRecipientKind.TeamMember, await ReadAsync(r, json.AddRecipientRequest, ct), ct), json.RecipientResponse, statusCode: 201));
        admin.MapPost("/services/{id}/guest-list", async (string id, HttpRequest r, ServiceAdministration a, CancellationToken ct) =>
            TypedResults.Json(await a.AddRecipientAsync(ParseId(id), ServiceRecipientKind.GuestList, await ReadAsync(r, json.AddRecipientRequest, ct), ct), json.RecipientResponse, statusCode: 201));
        admin.MapPost("/services/{id}/templates", async (string id, HttpRequest r, ServiceAdministration a, CancellationToken ct) =>
            TypedResults.Json(await a.CreateTemplateAsync(ParseId(id), await ReadAsync(r, json.CreateTemplateRequest, ct), ct), json.AdminTemplateResponse, statusCode: 201));
        admin.MapPut("/services/{id}/templates/{templateId}", async (string id, string templateId, HttpRequest r, ServiceAdministration a, CancellationToken ct) =>
            TypedResults.Json(await a.UpdateTemplateAsync(ParseId(id), ParseId(templateId), await ReadAsync(r, json.UpdateTemplateRequest, ct), ct), json.AdminTemplateResponse));
        admin.MapGet("/services/{id}/templates", async (string id, ServiceAdministration a, CancellationToken ct) =>
            TypedResults.Json(new AdminTemplateListResponse(await a.ListTemplatesAsync(ParseId(id), ct)), json.AdminTemplateListResponse));
        admin.MapPost("/services/{id}/api-keys", async (string id, HttpRequest r, ServiceAdministration a, CancellationToken ct) =>
            TypedResults.Json(await a.CreateApiKeyAsync(ParseId(id), await ReadAsync(r, json.CreateApiKeyRequest, ct), ct), json.ApiKeyCreatedResponse, statusCode: 201));
        admin.MapDelete("/services/{id}/api-keys/{keyId}", async (string id, string keyId, ServiceAdministration a, CancellationToken ct) =>
        {
            await a.RevokeApiKeyAsync(ParseId(id), ParseId(keyId), ct);
            return TypedResults.NoContent();
        });
        admin.MapPut("/services/{id}/callbacks/{kind}", async (string id, string kind, HttpRequest r, CallbackAdministration a, CancellationToken ct) =>
            TypedResults.Json(await a.SetAsync(ParseId(id), kind, await ReadAsync(r, json.SetCallbackRequest, ct), ct), json.CallbackResponse));
        admin.MapGet("/providers", async (ProviderAdministration a, CancellationToken ct) =>
            TypedResults.Json(new ProviderListResponse(await a.ListAsync(ct)), json.ProviderListResponse));
        admin.MapPost("/providers", async (HttpRequest r, ProviderAdministration a, CancellationToken ct) =>
            TypedResults.Json(await a.CreateAsync(await ReadAsync(r, json.CreateProviderRequest, ct), ct), json.ProviderResponse, statusCode: 201));
        admin.MapPut("/providers/{id}", async (string id, HttpRequest r, ProviderAdministration a, CancellationToken ct) =>
            TypedResults.Json(await a.UpdateAsync(ParseId(id), await ReadAsync(r, json.UpdateProviderRequest, ct), ct), json.ProviderResponse));
        admin.MapGet("/providers/{id}/versions", async (string id, ProviderAdministration a, CancellationToken ct) =>
            TypedResults.Json(new ProviderVersionListResponse(await a.VersionsAsync(ParseId(id), ct)), json.ProviderVersionListResponse));
        admin.MapGet("/inbox", async (string? to, string? limit, ServiceAdministration a, CancellationToken ct) =>
            TypedResults.Json(new InboxResponse(await a.InboxAsync(to, ParseLimit(limit) ?? 50, ct)), json.InboxResponse));
        admin.MapGet("/queue", async (QueueAdministration q, CancellationToken ct) =>
            TypedResults.Json(await QueueAdminApi.CountsAsync(q, ct), json.QueueResponse));
        admin.MapGet("/queue/dead", async (string? limit, QueueAdministration q, CancellationToken ct) =>
            TypedResults.Json(await QueueAdminApi.DeadAsync(ParseLimit(limit), q, ct), json.DeadItemListResponse));
        admin.MapPost("/queue/dead/replay", async (HttpRequest r, QueueAdministration q, CancellationToken ct) =>
            TypedResults.Json(await QueueAdminApi.ReplayAsync(await ReadAsync(r, json.ReplayRequest, ct), q, ct), json.ReplayResponse));
        return app;
    }

    private static void RequireToken(HttpContext http)
    {
        var header = http.Request.Headers.Authorization.ToString();
        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            throw NotifyApiException.Auth(401, "Unauthorized: admin token must be provided as a bearer token");
        }

        if (!http.RequestServices.GetRequiredService<AdminToken>().Matches(header["Bearer ".Length..].Trim()))
        {
            throw NotifyApiException.Auth(403, "Invalid admin token");
        }
    }

    /// <summary>
    /// A <c>limit</c> query value, bound here rather than by the framework, whose refusal of
    /// <c>limit=x</c> was a bare 400 outside Notify's error format.
    /// </summary>
    private static int? ParseLimit(string? text) =>
        string.IsNullOrEmpty(text) ? null
        : int.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var limit) && limit is >= 1 and <= QueueAdminApi.MaxListed ? limit
        : throw NotifyApiException.Validation([$"limit must be between 1 and {QueueAdminApi.MaxListed}"]);

    private static Guid ParseId(string value) =>
        Guid.TryParseExact(value, "D", out var id) ? id : throw NotifyApiException.NotFound();

    private static async Task<T> ReadAsync<T>(HttpRequest request, JsonTypeInfo<T> type, CancellationToken ct)
    {
        try
        {
            return await JsonSerializer.DeserializeAsync(request.Body, type, ct) ?? throw NotifyApiException.BadRequest("Invalid JSON supplied in request body");
        }
        catch (JsonException ex)
        {
            var field = ex.Path is { Length: > 2 } path ? path[2..] : null;
            if (field is not null && ex.Message.Contains("could not be mapped", StringComparison.Ordinal))
            {
                throw NotifyApiException.Validation([$"Additional properties are not allowed ({field} was unexpected)"]);
            }

            if (field is not null && ex.Message.StartsWith("The JSON value could not be converted", StringComparison.Ordinal))
            {
                throw NotifyApiException.Validation([$"{field} has the wrong type"]);
            }

            throw NotifyApiException.BadRequest("Invalid JSON supplied in request body");
        }
    }
}
