namespace Herald.Services;

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

public sealed record CreateApiKeyRequest(string? Name, string? KeyType);

public sealed record ApiKeyCreatedResponse(Guid Id, string Name, string KeyType, string Key);

/// <summary>The settings to change; a null leaves one as it is.</summary>
public sealed record UpdateServiceRequest(
    string? Name = null, bool? Restricted = null, string? EmailFrom = null, string? SmsSender = null,
    int? RateLimit = null, int? EmailDailyLimit = null, int? SmsDailyLimit = null, int? InternationalSmsDailyLimit = null,
    bool? AllowInternationalSms = null, bool? AllowSmsToLandlines = null, bool? SmsPrefix = null);
