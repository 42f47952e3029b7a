namespace Herald.Admin;

public sealed record CreateServiceRequest(
    string? Name, bool? Restricted, string? EmailFrom, string? SmsSender,
    int? RateLimit = null, int? EmailDailyLimit = null, int? SmsDailyLimit = null, int? InternationalSmsDailyLimit = null,
    bool? AllowInternationalSms = null, bool? AllowSmsToLandlines = null, bool? SmsPrefix = null);

public sealed record ServiceResponse(
    Guid Id, string Name, bool Restricted, string? EmailFrom, string? SmsSender, int RateLimit,
    int EmailDailyLimit, int SmsDailyLimit, int InternationalSmsDailyLimit, bool AllowInternationalSms, bool AllowSmsToLandlines, bool SmsPrefix, string CreatedAt);

public sealed record ServiceListResponse(IReadOnlyList<ServiceResponse> Services);

public sealed record AddRecipientRequest(string? EmailAddress, string? PhoneNumber);

public sealed record RecipientResponse(long Id, string Kind, string NormalisedTo);

public sealed record CreateTemplateRequest(string? Name, string? Type, string? Subject, string? Body);

public sealed record UpdateTemplateRequest(string? Name, string? Subject, string? Body);

public sealed record AdminTemplateResponse(Guid Id, Guid ServiceId, string Name, string Type, int Version, string? Subject, string Body, string CreatedAt, string? UpdatedAt);

public sealed record AdminTemplateListResponse(IReadOnlyList<AdminTemplateResponse> Templates);

public sealed record CreateApiKeyRequest(string? Name, string? KeyType);

public sealed record ApiKeyCreatedResponse(Guid Id, string Name, string KeyType, string Key);

public sealed record InboxMessage(long Id, Guid NotificationId, string Channel, string To, string? Subject, string Body, string? Html, string CreatedAt);

public sealed record InboxResponse(IReadOnlyList<InboxMessage> Messages);
