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

/// <summary>The body of <c>POST /v2/notifications/bulk</c>: exactly one of <c>csv</c> and <c>rows</c>.</summary>
/// <param name="Rows">Rows of cells, the first the header.</param>
/// <param name="ReplyToId">An email reply-to or SMS sender of the service; Herald has none to choose yet.</param>
public sealed record BulkSendBody(
    Guid TemplateId, string Name, string? Csv = null, IReadOnlyList<IReadOnlyList<string>>? Rows = null, string? ScheduledFor = null, Guid? ReplyToId = null,
    string? Reference = null);

/// <summary>A bulk job as Canada's Notify answers one.</summary>
/// <param name="OriginalFileName">The <c>name</c> given.</param>
/// <param name="NotificationCount">Rows in the job.</param>
public sealed record BulkJob(
    Guid Id, string OriginalFileName, int NotificationCount, string JobStatus, Guid Template, int TemplateVersion, Guid Service, Guid? ApiKey,
    string? ScheduledFor, string CreatedAt);

public sealed record BulkJobCreatedResponse(BulkJob Data);

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower, UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow)]
[JsonSerializable(typeof(JobUploadRequest))]
[JsonSerializable(typeof(JobResponse))]
[JsonSerializable(typeof(JobListResponse))]
[JsonSerializable(typeof(BulkSendBody))]
[JsonSerializable(typeof(BulkJobCreatedResponse))]
internal sealed partial class JobsJsonContext : JsonSerializerContext;
