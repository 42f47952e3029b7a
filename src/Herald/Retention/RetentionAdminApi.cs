using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Serialization;
using Herald.Admin;
using Herald.NotifyFormat;
using Herald.Templates;

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
        admin.MapPost("/retention/archive", ArchiveNowAsync)
            .WithSummary("Archive what is past retention now, with progress")
            .WithDescription("Runs the nightly archive in this Herald, where its batches take turns with the sends' writes. " +
                "Answers `application/x-ndjson` as it goes: `{\"due\": N}` first, then one line per batch moved (`service_id`, `channel`, `moved`, `seconds`: " +
                "the batch's transaction time), and last `{\"archived\": N, \"seconds\": S}`. A client that goes away stops the run; the batches already moved stay moved.")
            .Produces<ArchiveProgressLine>(contentType: NdJson);
        return endpoints;
    }

    private const string NdJson = "application/x-ndjson";

    private static async Task ArchiveNowAsync(HttpContext http, NotificationArchiver archiver, CancellationToken cancellationToken)
    {
        var due = await archiver.CountDueAsync(cancellationToken);
        var response = http.Response;
        response.ContentType = NdJson;
        await WriteLineAsync(response, new ArchiveProgressLine { Due = due }, cancellationToken);
        var started = Stopwatch.GetTimestamp();
        var archived = await archiver.ArchiveAsync((batch, ct) => batch.Moved == 0
            ? ValueTask.CompletedTask
            : new ValueTask(WriteLineAsync(response, new ArchiveProgressLine
            {
                ServiceId = batch.ServiceId, Channel = batch.Type.ApiName(), Moved = batch.Moved, Seconds = batch.Duration.TotalSeconds,
            }, ct)), cancellationToken);
        await WriteLineAsync(response, new ArchiveProgressLine { Archived = archived, Seconds = Stopwatch.GetElapsedTime(started).TotalSeconds }, cancellationToken);
    }

    private static async Task WriteLineAsync(HttpResponse response, ArchiveProgressLine line, CancellationToken cancellationToken)
    {
        await JsonSerializer.SerializeAsync(response.Body, line, RetentionJsonContext.Default.ArchiveProgressLine, cancellationToken);
        await response.Body.WriteAsync("\n"u8.ToArray(), cancellationToken);
        await response.Body.FlushAsync(cancellationToken);
    }
}

/// <summary>One line of the archive's progress: the count due, a batch moved, or the run's total.</summary>
public sealed record ArchiveProgressLine
{
    public long? Due { get; init; }

    public Guid? ServiceId { get; init; }

    public string? Channel { get; init; }

    public int? Moved { get; init; }

    public long? Archived { get; init; }

    public double? Seconds { get; init; }
}

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower, UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(ArchiveProgressLine))]
[JsonSerializable(typeof(RetentionListResponse))]
[JsonSerializable(typeof(RetentionResponse))]
[JsonSerializable(typeof(SetRetentionRequest))]
internal sealed partial class RetentionJsonContext : JsonSerializerContext;
