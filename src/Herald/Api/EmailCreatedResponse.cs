using System.Text.Json.Serialization;

namespace Herald.Api;

public sealed record EmailCreatedResponse(Guid Id, string? Reference, string Uri, TemplateRef Template, EmailContent Content)
{
    [JsonPropertyOrder(10)]
    public string? ScheduledFor => null;
}

public sealed record EmailContent(string FromEmail, string Body, string Subject, string? OneClickUnsubscribeUrl);
