using System.Text.Json.Serialization;
using Herald.Admin;
using Herald.NotifyFormat;

namespace Herald.Callbacks;

/// <summary>A service's callbacks, under <c>/admin/api</c>.</summary>
public static class CallbackAdminApi
{
    public static IEndpointRouteBuilder MapCallbackAdmin(this IEndpointRouteBuilder endpoints)
    {
        var admin = endpoints.MapAdminGroup().WithTags("Callbacks");
        var json = CallbackAdminJsonContext.Default;
        admin.MapPut("/services/{id}/callbacks/{kind}", async (string id, string kind, HttpRequest r, CallbackAdministration a, CancellationToken ct) =>
            TypedResults.Json(await a.SetAsync(AdminEndpoints.ParseId(id), kind, await AdminEndpoints.ReadAsync(r, json.SetCallbackRequest, ct), ct), json.CallbackResponse))
            .WithSummary("Set a service's callback").WithDescription("`kind`: `delivery_status`, `inbound_sms` or `complaint`.")
            .ReadsJson<SetCallbackRequest>().Produces<CallbackResponse>();
        return endpoints;
    }
}

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower, UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow)]
[JsonSerializable(typeof(SetCallbackRequest))]
[JsonSerializable(typeof(CallbackResponse))]
internal sealed partial class CallbackAdminJsonContext : JsonSerializerContext;
