using Herald.Recipients;
using Herald.Storage;
using Microsoft.EntityFrameworkCore;
using Herald.NotifyFormat;

namespace Herald.Services;

/// <summary>Services through the admin API: their settings, team and guest list, and their API keys.</summary>
public sealed class ServiceAdministration(
    HeraldDatabase database, ServiceDirectory directory, ApiKeySecrets secrets, PhoneNumberValidator phoneNumbers, SmsSenderValidator smsSenders, TimeProvider time)
{
    public async Task<ServiceResponse> CreateServiceAsync(CreateServiceRequest request, CancellationToken cancellationToken)
    {
        var errors = new List<string>();
        ValidateName(request.Name, errors);
        var smsSender = ValidateSettings(request.EmailFrom, request.SmsSender,
            request.RateLimit, request.EmailDailyLimit, request.SmsDailyLimit, request.InternationalSmsDailyLimit, errors);
        ThrowIfAny(errors);
        var defaults = new ServiceRecord { Name = "" };
        var service = new ServiceRecord
        {
            Id = Guid.NewGuid(),
            Name = request.Name!.Trim(),
            Restricted = request.Restricted ?? false,
            EmailFrom = request.EmailFrom,
            SmsSender = smsSender?.Normalised,
            RateLimitPerMinute = request.RateLimit ?? defaults.RateLimitPerMinute,
            EmailDailyLimit = request.EmailDailyLimit ?? defaults.EmailDailyLimit,
            SmsDailyLimit = request.SmsDailyLimit ?? defaults.SmsDailyLimit,
            InternationalSmsDailyLimit = request.InternationalSmsDailyLimit ?? defaults.InternationalSmsDailyLimit,
            AllowInternationalSms = request.AllowInternationalSms ?? false,
            AllowSmsToLandlines = request.AllowSmsToLandlines ?? false,
            SmsPrefix = request.SmsPrefix ?? defaults.SmsPrefix,
            CreatedAt = time.GetUtcNow().UtcDateTime,
        };
        await using var context = database.CreateContext();
        context.Services.Add(service);
        await context.SaveChangesAsync(cancellationToken);
        return Response(service);
    }

    /// <summary>
    /// Changes the settings given (a null leaves one as it is; an empty <c>email_from</c> or
    /// <c>sms_sender</c> clears it), checked as <see cref="CreateServiceAsync"/> checks them.
    /// </summary>
    public async Task<ServiceResponse> UpdateServiceAsync(Guid id, UpdateServiceRequest request, CancellationToken cancellationToken)
    {
        var errors = new List<string>();
        if (request.Name is not null)
        {
            ValidateName(request.Name, errors);
        }

        var emailFrom = request.EmailFrom is "" ? null : request.EmailFrom;
        var smsSenderText = request.SmsSender is "" ? null : request.SmsSender;
        var smsSender = ValidateSettings(emailFrom, smsSenderText,
            request.RateLimit, request.EmailDailyLimit, request.SmsDailyLimit, request.InternationalSmsDailyLimit, errors);
        ThrowIfAny(errors);
        await using var context = database.CreateContext();
        var service = await context.Services.FirstOrDefaultAsync(s => s.Id == id, cancellationToken) ?? throw NotifyApiException.NotFound();
        service.Name = request.Name?.Trim() ?? service.Name;
        service.Restricted = request.Restricted ?? service.Restricted;
        service.EmailFrom = request.EmailFrom is null ? service.EmailFrom : emailFrom;
        service.SmsSender = request.SmsSender is null ? service.SmsSender : smsSender?.Normalised;
        service.RateLimitPerMinute = request.RateLimit ?? service.RateLimitPerMinute;
        service.EmailDailyLimit = request.EmailDailyLimit ?? service.EmailDailyLimit;
        service.SmsDailyLimit = request.SmsDailyLimit ?? service.SmsDailyLimit;
        service.InternationalSmsDailyLimit = request.InternationalSmsDailyLimit ?? service.InternationalSmsDailyLimit;
        service.AllowInternationalSms = request.AllowInternationalSms ?? service.AllowInternationalSms;
        service.AllowSmsToLandlines = request.AllowSmsToLandlines ?? service.AllowSmsToLandlines;
        service.SmsPrefix = request.SmsPrefix ?? service.SmsPrefix;
        await context.SaveChangesAsync(cancellationToken);
        directory.Invalidate(id);
        return Response(service);
    }

    public async Task<IReadOnlyList<ServiceResponse>> ListServicesAsync(CancellationToken cancellationToken)
    {
        await using var context = database.CreateContext();
        var services = await context.Services.AsNoTracking().ToListAsync(cancellationToken);
        return [.. services.OrderBy(s => s.CreatedAt).Select(Response)];
    }

    public async Task<ServiceResponse> GetServiceAsync(Guid id, CancellationToken cancellationToken) => Response(await FindServiceAsync(id, cancellationToken));

    public async Task<RecipientResponse> AddRecipientAsync(Guid serviceId, ServiceRecipientKind kind, AddRecipientRequest request, CancellationToken cancellationToken)
    {
        await FindServiceAsync(serviceId, cancellationToken);
        if ((request.EmailAddress is null) == (request.PhoneNumber is null))
        {
            throw NotifyApiException.Validation(["Give one of email_address or phone_number"]);
        }

        var result = request.EmailAddress is not null
            ? EmailAddressValidator.Validate(request.EmailAddress)
            : phoneNumbers.Validate(request.PhoneNumber!, new PhoneNumberRules(AllowInternational: true, AllowLandline: true));
        if (!result.IsValid)
        {
            throw NotifyApiException.Validation([$"{(request.EmailAddress is not null ? "email_address" : "phone_number")} {result.Error}"]);
        }

        await using var context = database.CreateContext();
        var existing = await context.ServiceRecipients.AsNoTracking()
            .FirstOrDefaultAsync(r => r.ServiceId == serviceId && r.Kind == kind && r.NormalisedTo == result.Normalised, cancellationToken);
        var record = existing ?? new ServiceRecipientRecord { ServiceId = serviceId, Kind = kind, NormalisedTo = result.Normalised!, CreatedAt = time.GetUtcNow().UtcDateTime };
        if (existing is null)
        {
            context.ServiceRecipients.Add(record);
            await context.SaveChangesAsync(cancellationToken);
            directory.Invalidate(serviceId);
        }

        return new RecipientResponse(record.Id, kind == ServiceRecipientKind.TeamMember ? "team_member" : "guest_list", record.NormalisedTo);
    }

    public async Task<ApiKeyCreatedResponse> CreateApiKeyAsync(Guid serviceId, CreateApiKeyRequest request, CancellationToken cancellationToken)
    {
        await FindServiceAsync(serviceId, cancellationToken);
        var errors = new List<string>();
        var keyType = KeyTypeNames.Parse(request.KeyType);
        if (string.IsNullOrWhiteSpace(request.Name))
        {
            errors.Add("name is a required property");
        }
        else if (request.Name.Length > 255)
        {
            errors.Add("name is too long (255 characters at most)");
        }

        if (keyType is null)
        {
            errors.Add(request.KeyType is null ? "key_type is a required property" : $"key_type {request.KeyType} is not one of [normal, team, test]");
        }

        ThrowIfAny(errors);
        var secret = ApiKeySecrets.NewSecret();
        var key = new ApiKeyRecord
        {
            Id = Guid.NewGuid(), ServiceId = serviceId, Name = request.Name!.Trim(), KeyType = keyType!.Value,
            ProtectedSecret = secrets.Protect(secret), CreatedAt = time.GetUtcNow().UtcDateTime,
        };
        await using var context = database.CreateContext();
        context.ApiKeys.Add(key);
        await context.SaveChangesAsync(cancellationToken);
        directory.Invalidate(serviceId);
        return new ApiKeyCreatedResponse(key.Id, key.Name, KeyTypeNames.ApiName(key.KeyType), ApiKeySecrets.KeyString(key.Name, serviceId, secret));
    }

    public async Task RevokeApiKeyAsync(Guid serviceId, Guid keyId, CancellationToken cancellationToken)
    {
        await using var context = database.CreateContext();
        var key = await context.ApiKeys.FirstOrDefaultAsync(k => k.Id == keyId && k.ServiceId == serviceId, cancellationToken)
            ?? throw NotifyApiException.NotFound();
        key.RevokedAt ??= time.GetUtcNow().UtcDateTime;
        await context.SaveChangesAsync(cancellationToken);
        directory.Invalidate(serviceId);
    }

    private static void ValidateName(string? name, List<string> errors)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            errors.Add("name is a required property");
        }
        else if (name.Length > 255)
        {
            errors.Add("name is too long (255 characters at most)");
        }
    }

    /// <summary>The settings a service is created or changed with; answers the normalised SMS sender when one is given.</summary>
    private RecipientResult? ValidateSettings(
        string? emailFrom, string? smsSenderText, int? rateLimit, int? emailDailyLimit, int? smsDailyLimit, int? internationalSmsDailyLimit, List<string> errors)
    {
        if (emailFrom is not null && (emailFrom.Length > 320 || !EmailAddressValidator.Validate(emailFrom).IsValid))
        {
            errors.Add("email_from Not a valid email address");
        }

        var smsSender = smsSenderText is { } sender ? smsSenders.Validate(sender) : null;
        if (smsSender is { IsValid: false })
        {
            errors.Add($"sms_sender {smsSender.Error}");
        }

        foreach (var (field, value) in new[] { ("rate_limit", rateLimit), ("email_daily_limit", emailDailyLimit),
            ("sms_daily_limit", smsDailyLimit), ("international_sms_daily_limit", internationalSmsDailyLimit) })
        {
            if (value is < 0)
            {
                errors.Add($"{field} must not be negative");
            }
        }

        if (rateLimit is 0)
        {
            errors.Add("rate_limit must be at least 1");
        }

        return smsSender;
    }

    internal static void ThrowIfAny(List<string> errors)
    {
        if (errors.Count > 0)
        {
            throw NotifyApiException.Validation(errors);
        }
    }

    private async Task<ServiceRecord> FindServiceAsync(Guid id, CancellationToken cancellationToken)
    {
        await using var context = database.CreateContext();
        return await context.Services.AsNoTracking().FirstOrDefaultAsync(s => s.Id == id, cancellationToken) ?? throw NotifyApiException.NotFound();
    }

    private static ServiceResponse Response(ServiceRecord s) =>
        new(s.Id, s.Name, s.Restricted, s.EmailFrom, s.SmsSender, s.RateLimitPerMinute, s.EmailDailyLimit, s.SmsDailyLimit,
            s.InternationalSmsDailyLimit, s.AllowInternationalSms, s.AllowSmsToLandlines, s.SmsPrefix, ApiTime.Format(s.CreatedAt));

}
