using System.Text.Json.Serialization;
using Herald.Admin;
using Herald.NotifyFormat;

namespace Herald.Facts;

/// <summary>A service's statistics and its templates' usage, under <c>/admin/api</c>.</summary>
public static class FactsAdminApi
{
    public static IEndpointRouteBuilder MapFactsAdmin(this IEndpointRouteBuilder endpoints)
    {
        var admin = endpoints.MapAdminGroup().WithTags("Statistics");
        var json = FactsJsonContext.Default;
        admin.MapGet("/services/{id}/statistics", async (string id, string? days, ServiceStatistics s, CancellationToken ct) =>
            TypedResults.Json(await s.ByChannelAsync(AdminEndpoints.ParseId(id), ServiceStatistics.ParseDays(days), ct), json.StatisticsResponse))
            .WithSummary("Notifications requested, delivered and failed per channel")
            .WithDescription("Over the last `days` UTC days (1 to 90, default 7), today included; archived notifications still count. Test keys are left out.")
            .Produces<StatisticsResponse>();
        admin.MapGet("/services/{id}/template-statistics", async (string id, string? days, ServiceStatistics s, CancellationToken ct) =>
            TypedResults.Json(await s.ByTemplateAsync(AdminEndpoints.ParseId(id), ServiceStatistics.ParseDays(days), ct), json.TemplateStatisticsResponse))
            .WithSummary("Notifications per template")
            .WithDescription("Over the last `days` UTC days (1 to 90, default 7), most used first.")
            .Produces<TemplateStatisticsResponse>();
        admin.MapGet("/services/{id}/templates/{templateId}/last-used", async (string id, string templateId, ServiceStatistics s, CancellationToken ct) =>
            TypedResults.Json(await s.LastUsedAsync(AdminEndpoints.ParseId(id), AdminEndpoints.ParseId(templateId), ct), json.LastUsedResponse))
            .WithSummary("When a template was last used")
            .WithDescription("The newest notification of the template still held, or else the last day the daily facts counted it; null if never.")
            .Produces<LastUsedResponse>();
        return endpoints;
    }
}

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower)]
[JsonSerializable(typeof(StatisticsResponse))]
[JsonSerializable(typeof(TemplateStatisticsResponse))]
[JsonSerializable(typeof(LastUsedResponse))]
internal sealed partial class FactsJsonContext : JsonSerializerContext;
