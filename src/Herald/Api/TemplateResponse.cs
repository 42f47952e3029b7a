
namespace Herald.Api;

public sealed record TemplateResponse(
    Guid Id,
    string Name,
    string Type,
    string CreatedAt,
    string? UpdatedAt,
    string? CreatedBy,
    int Version,
    string Body,
    string? Subject,
    IReadOnlyDictionary<string, PlaceholderInfo> Personalisation)
{
    public string? LetterContactBlock => null;

    public string? Postage => null;
}

public sealed record PlaceholderInfo(bool Required);

public sealed record TemplateListResponse(IReadOnlyList<TemplateResponse> Templates);

public sealed record TemplatePreviewResponse(Guid Id, string Type, int Version, string Body, string? Html, string? Subject)
{
    public string? Postage => null;
}
