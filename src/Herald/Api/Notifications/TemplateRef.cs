namespace Herald.Api.Notifications;

public sealed record TemplateRef(Guid Id, int Version, string Uri);
