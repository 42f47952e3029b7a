using System.Text.Json;
using Herald.Templates;

namespace Herald.Api;

/// <summary>A parsed POST /v2/notifications/{email|sms} body.</summary>
public sealed record SendRequest(
    TemplateType Type,
    string Recipient,
    Guid TemplateId,
    IReadOnlyDictionary<string, JsonElement>? Personalisation,
    string? Reference,
    Guid? SenderId,
    string? OneClickUnsubscribeUrl);
