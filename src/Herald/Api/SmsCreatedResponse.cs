using System.Text.Json.Serialization;

namespace Herald.Api;

public sealed record SmsCreatedResponse(Guid Id, string? Reference, string Uri, TemplateRef Template, SmsContent Content)
{
    [JsonPropertyOrder(10)]
    public string? ScheduledFor => null;
}

public sealed record SmsContent(string Body, string? FromNumber);
