
namespace Herald.Api;

public sealed record TemplateRef(Guid Id, int Version, string Uri);
