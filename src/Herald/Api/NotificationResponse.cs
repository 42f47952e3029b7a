using System.Text.Json.Serialization;

namespace Herald.Api;

/// <summary>GET /v2/notifications/{id} and the items of the list, with Notify's field names.</summary>
public sealed record NotificationResponse(
    Guid Id,
    string? Reference,
    string? EmailAddress,
    string? PhoneNumber,
    string Type,
    string Status,
    TemplateRef Template,
    string Body,
    string? Subject,
    string CreatedAt,
    string? SentAt,
    string? CompletedAt,
    string? OneClickUnsubscribeUrl)
{
    [JsonPropertyName("line_1")]
    public string? Line1 => null;

    [JsonPropertyName("line_2")]
    public string? Line2 => null;

    [JsonPropertyName("line_3")]
    public string? Line3 => null;

    [JsonPropertyName("line_4")]
    public string? Line4 => null;

    [JsonPropertyName("line_5")]
    public string? Line5 => null;

    [JsonPropertyName("line_6")]
    public string? Line6 => null;

    public string? Postcode => null;

    public string? Postage => null;

    public string? CreatedByName => null;

    public string? ScheduledFor => null;
}
