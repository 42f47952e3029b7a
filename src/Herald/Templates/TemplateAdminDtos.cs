namespace Herald.Templates;

public sealed record CreateTemplateRequest(string? Name, string? Type, string? Subject, string? Body);

public sealed record UpdateTemplateRequest(string? Name, string? Subject, string? Body);

public sealed record AdminTemplateResponse(Guid Id, Guid ServiceId, string Name, string Type, int Version, string? Subject, string Body, string CreatedAt, string? UpdatedAt);

public sealed record AdminTemplateListResponse(IReadOnlyList<AdminTemplateResponse> Templates);
