using Herald.Services;

namespace Herald.Jobs;

/// <summary>An upload, from a multipart form or a JSON body.</summary>
/// <param name="ScheduledFor">As given: an ISO 8601 time, UTC unless it says otherwise.</param>
/// <param name="Key">The API key of a job posted to <c>/v2/notifications/bulk</c>; null for an admin upload.</param>
public sealed record JobUpload(Guid TemplateId, string Name, string Csv, string? ScheduledFor, ServiceKeySnapshot? Key = null);
