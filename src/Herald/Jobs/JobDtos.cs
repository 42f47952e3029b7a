using System.Text.Json.Serialization;

namespace Herald.Jobs;

/// <summary>A JSON upload: the file's text in <c>csv</c>.</summary>
public sealed record JobUploadRequest(Guid TemplateId, string Csv, string? Name = null, string? ScheduledFor = null);

/// <param name="RowsProcessed">Rows already made notifications.</param>
/// <param name="Statistics">Its notifications by status; only on a single job's answer.</param>
public sealed record JobResponse(
    Guid Id, Guid ServiceId, Guid TemplateId, int TemplateVersion, string Type, string Name, string Status, int RowCount, int RowsProcessed,
    string? ScheduledFor, string CreatedAt, string? StartedAt, string? FinishedAt, string? Error, JobStatistics? Statistics);

/// <summary>A job's notifications by status: <c>sending</c> holds sending, pending and sent; <c>failed</c> every failure.</summary>
public sealed record JobStatistics(int Created, int Sending, int Delivered, int Failed, int Cancelled);

public sealed record JobListResponse(IReadOnlyList<JobResponse> Jobs, JobLinks Links);

/// <param name="Older">The next page's address; null on the last page.</param>
public sealed record JobLinks(string? Older);

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower, UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow)]
[JsonSerializable(typeof(JobUploadRequest))]
[JsonSerializable(typeof(JobResponse))]
[JsonSerializable(typeof(JobListResponse))]
internal sealed partial class JobsJsonContext : JsonSerializerContext;
