using System.Text.Json;
using Herald.Api.Auth;
using Herald.Limits;
using Herald.Notifications;
using Herald.Queue;
using Herald.Recipients;
using Herald.Services;
using Herald.Storage;
using Herald.Templates;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.Options;

namespace Herald.Api.Notifications;

/// <summary>
/// Accepts a send request: validates it as Notify does, applies trial, team and daily rules, and
/// commits the notification with its delivery item in one transaction before answering.
/// </summary>
public sealed class NotificationSender(
    HeraldDatabase database,
    QueueWriter queue,
    PhoneNumberValidator phoneNumbers,
    DailyLimits dailyLimits,
    IOptions<NotificationOptions> options,
    TimeProvider time)
{
    public async Task<AcceptedNotification> SendAsync(ApiCaller caller, SendRequest request, CancellationToken cancellationToken)
    {
        var service = caller.Service.Service;
        var recipient = ValidateRecipient(service, request);
        await using var context = database.CreateContext();
        var (template, version) = await FindTemplateAsync(context, caller.ServiceId, request, cancellationToken);

        var rendered = TemplateRenderer.Render(request.Type, version.Subject, version.Body, request.Personalisation,
            new TemplateRenderOptions(request.Type == TemplateType.Sms && service.SmsPrefix ? service.Name : null));
        if (rendered.MissingPlaceholders.Count > 0)
        {
            throw NotifyApiException.BadRequest($"Missing personalisation: {string.Join(", ", rendered.MissingPlaceholders)}");
        }

        var fragments = 0;
        if (request.Type == TemplateType.Sms)
        {
            // Notify limits the message without the service-name prefix; the prefix is billed.
            var prefix = service.SmsPrefix ? $"{service.Name}: " : "";
            var content = rendered.Body.StartsWith(prefix, StringComparison.Ordinal) ? rendered.Body[prefix.Length..] : rendered.Body;
            var length = SmsFragments.Measure(content);
            if (length.Characters > SmsFragments.MaxCharacters)
            {
                throw NotifyApiException.BadRequest(
                    $"Text messages cannot be longer than {SmsFragments.MaxCharacters} characters. Your message is {length.Characters} characters long.");
            }

            fragments = SmsFragments.Measure(rendered.Body).Fragments;
        }
        else if (TemplateLimits.IsEmailBodyTooLong(rendered.Body))
        {
            throw NotifyApiException.BadRequest("Your message is too long. Emails cannot be longer than 2 MB.");
        }

        CheckRestrictions(caller, recipient.Normalised!);

        var now = time.GetUtcNow().UtcDateTime;
        var notification = new NotificationRecord
        {
            Id = Guid.CreateVersion7(time.GetUtcNow()),
            ServiceId = caller.ServiceId,
            TemplateId = template.Id,
            TemplateVersion = version.Version,
            ApiKeyId = caller.Key.Id,
            KeyType = caller.Key.KeyType,
            Type = request.Type,
            To = request.Recipient,
            NormalisedTo = recipient.Normalised!,
            Reference = request.Reference,
            Status = NotificationStatus.Created,
            Body = rendered.Body,
            Subject = rendered.Subject,
            Personalisation = request.Personalisation is null ? null : JsonSerializer.Serialize(request.Personalisation, NotificationJsonContext.Default.IReadOnlyDictionaryStringJsonElement),
            OneClickUnsubscribeUrl = request.OneClickUnsubscribeUrl,
            International = recipient.IsInternational,
            BillableUnits = fragments,
            CreatedAt = now,
        };

        var postgres = database.Provider == DatabaseProvider.Postgres;
        if (postgres)
        {
            // Counted on its own short statement: inside the send transaction the counter row
            // would stay locked until commit and serialise every send of the service.
            await using var connection = await database.OpenConnectionAsync(cancellationToken);
            await CountTodayAsync(connection, null, caller, request, recipient, cancellationToken);
        }

        await using var transaction = await context.Database.BeginTransactionAsync(cancellationToken);
        if (!postgres)
        {
            await CountTodayAsync(context.Database.GetDbConnection(), transaction.GetDbTransaction(), caller, request, recipient, cancellationToken);
        }

        context.Notifications.Add(notification);
        await context.SaveChangesAsync(cancellationToken);
        await queue.EnqueueAsync(context, DeliveryItem.For(notification), cancellationToken);
        await transaction.CommitAsync(cancellationToken);

        var from = request.Type == TemplateType.Email
            ? SenderAddresses.EmailFrom(service, options.Value)
            : SenderAddresses.SmsFrom(service, options.Value);
        return new AcceptedNotification(notification, from);
    }

    private RecipientResult ValidateRecipient(ServiceRecord service, SendRequest request)
    {
        var field = request.Type == TemplateType.Email ? "email_address" : "phone_number";
        var result = request.Type == TemplateType.Email
            ? EmailAddressValidator.Validate(request.Recipient)
            : phoneNumbers.Validate(request.Recipient, new PhoneNumberRules(service.AllowInternationalSms, service.AllowSmsToLandlines));
        return result.IsValid ? result : throw NotifyApiException.Validation([$"{field} {result.Error}"]);
    }

    private static async Task<(TemplateRecord Template, TemplateVersionRecord Version)> FindTemplateAsync(
        HeraldDbContext context, Guid serviceId, SendRequest request, CancellationToken cancellationToken)
    {
        var found = await context.Templates.AsNoTracking()
            .Where(t => t.Id == request.TemplateId && t.ServiceId == serviceId && !t.Archived)
            .Join(context.TemplateVersions.AsNoTracking(), t => new { t.Id, t.Version }, v => new { Id = v.TemplateId, v.Version }, (t, v) => new { t, v })
            .FirstOrDefaultAsync(cancellationToken)
            ?? throw NotifyApiException.BadRequest("Template not found");
        if (found.t.Type != request.Type)
        {
            var name = found.t.Type == TemplateType.Email ? "email" : "sms";
            var wanted = request.Type == TemplateType.Email ? "email" : "sms";
            throw NotifyApiException.BadRequest($"{name} template is not suitable for {wanted} notification");
        }

        return (found.t, found.v);
    }

    private static void CheckRestrictions(ApiCaller caller, string normalisedTo)
    {
        if (caller.Key.KeyType == KeyType.Test || caller.Service.AllowedRecipients.Contains(normalisedTo))
        {
            return;
        }

        if (caller.Key.KeyType == KeyType.Team)
        {
            throw NotifyApiException.BadRequest("Can’t send to this recipient using a team-only API key");
        }

        if (caller.Service.Service.Restricted)
        {
            throw NotifyApiException.BadRequest(
                "Can’t send to this recipient when service is in trial mode – see https://www.notifications.service.gov.uk/trial-mode");
        }
    }

    private async Task CountTodayAsync(System.Data.Common.DbConnection connection, System.Data.Common.DbTransaction? transaction,
        ApiCaller caller, SendRequest request, RecipientResult recipient, CancellationToken cancellationToken)
    {
        // Test keys are never counted against limits.
        if (caller.Key.KeyType == KeyType.Test)
        {
            return;
        }

        var service = caller.Service.Service;
        if (service.Restricted && !await dailyLimits.TryCountAsync(connection, transaction, service.Id, "total", options.Value.TrialDailyLimit, cancellationToken))
        {
            throw new NotifyApiException(429, "TooManyRequestsError", $"Exceeded send limits (total: {options.Value.TrialDailyLimit}) for today");
        }

        var (channel, limit) = request.Type == TemplateType.Email ? ("email", service.EmailDailyLimit)
            : recipient.IsInternational ? ("international_sms", service.InternationalSmsDailyLimit)
            : ("sms", service.SmsDailyLimit);
        if (!await dailyLimits.TryCountAsync(connection, transaction, service.Id, channel, limit, cancellationToken))
        {
            throw new NotifyApiException(429, "TooManyRequestsError", $"Exceeded send limits ({channel}: {limit}) for today");
        }
    }
}
