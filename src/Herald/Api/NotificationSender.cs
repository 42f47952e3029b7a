using System.Text.Json;
using Herald.Notifications;
using Herald.Queue;
using Herald.Recipients;
using Herald.Services;
using Herald.Storage;
using Herald.Templates;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.Options;
using Herald.NotifyFormat;
using Herald.Auth;

namespace Herald.Api;

/// <summary>
/// Accepts a send request: validates it as Notify does, applies trial, team and daily rules, and
/// commits the notification with its delivery item in one transaction before answering.
/// </summary>
public sealed class NotificationSender(
    NotificationWriter writer,
    PhoneNumberValidator phoneNumbers,
    TemplateCache templates,
    PersonalisationProtector personalisationProtector,
    IOptions<NotificationOptions> options,
    TimeProvider time)
{
    public Task<AcceptedNotification> SendAsync(ApiCaller caller, SendRequest request, CancellationToken cancellationToken) =>
        SendAsync(caller, request, null, cancellationToken);

    /// <param name="companion">
    /// Made from the accepted notification just before it is written: more to commit in the same
    /// transaction (an idempotent send's stored answer, <c>IdempotentSend</c>).
    /// </param>
    public async Task<AcceptedNotification> SendAsync(
        ApiCaller caller, SendRequest request, Func<AcceptedNotification, INotificationWriteCompanion>? companion, CancellationToken cancellationToken)
    {
        var service = caller.Service.Service;
        var recipient = ValidateRecipient(service, request);
        if (request.SenderId is { } senderId)
        {
            // Herald has no per-service reply-to addresses or SMS senders to choose from yet, so
            // any id names one that does not exist, as Notify would answer for an unknown id.
            var field = request.Type == TemplateType.Email ? "email_reply_to_id" : "sms_sender_id";
            throw NotifyApiException.BadRequest($"{field} {senderId} does not exist in database for service id {service.Id}");
        }
        var (template, version) = await templates.FindForSendAsync(caller.ServiceId, request.TemplateId, cancellationToken)
            ?? throw NotifyApiException.BadRequest("Template not found");
        var checkedSend = Check(caller, request, recipient, template, version);
        var notification = Build(caller, request, checkedSend, version);
        var from = request.Type == TemplateType.Email
            ? SenderAddresses.EmailFrom(service, options.Value)
            : SenderAddresses.SmsFrom(service, options.Value);
        var accepted = new AcceptedNotification(notification, from);

        // Durable before we answer: the writer returns once the commit holding this row is done.
        await writer.WriteAsync(notification, checkedSend.DailyChecks, companion?.Invoke(accepted));
        return accepted;
    }

    /// <summary>
    /// Every rule a send must pass once its recipient is valid and its template found: the
    /// template's type, the personalisation, the SMS length or email size, and the trial-mode and
    /// team-key rules. Throws the send's refusal; a bulk job calls it for each of its rows, so a
    /// row is refused exactly as the same single send would be.
    /// </summary>
    public CheckedSend Check(ApiCaller caller, SendRequest request, RecipientResult recipient, TemplateRecord template, TemplateVersionRecord version)
    {
        var service = caller.Service.Service;
        if (template.Type != request.Type)
        {
            throw NotifyApiException.BadRequest($"{template.Type.ApiName()} template is not suitable for {request.Type.ApiName()} notification");
        }

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
        return new CheckedSend(recipient, rendered, fragments, DailyChecks(caller, request, recipient));
    }

    /// <summary>The notification row a checked send writes (its personalisation encrypted).</summary>
    public NotificationRecord Build(ApiCaller caller, SendRequest request, CheckedSend checkedSend, TemplateVersionRecord version) => new()
    {
        Id = Guid.CreateVersion7(time.GetUtcNow()),
        ServiceId = caller.ServiceId,
        TemplateId = version.TemplateId,
        TemplateVersion = version.Version,
        ApiKeyId = caller.Key.Id,
        KeyType = caller.Key.KeyType,
        Type = request.Type,
        // As given, but for the whitespace around it that validation forgives: an address
        // padded to any length is valid and must still fit its column.
        To = request.Recipient.Trim(RecipientWhitespaceChars),
        NormalisedTo = checkedSend.Recipient.Normalised!,
        Reference = request.Reference,
        Body = checkedSend.Rendered.Body,
        Subject = checkedSend.Rendered.Subject,
        Personalisation = personalisationProtector.Protect(request.Personalisation),
        OneClickUnsubscribeUrl = request.OneClickUnsubscribeUrl,
        International = checkedSend.Recipient.IsInternational,
        BillableUnits = checkedSend.Fragments,
        CreatedAt = time.GetUtcNow().UtcDateTime,
    };

    private static readonly char[] RecipientWhitespaceChars = RecipientWhitespace.All.ToCharArray();

    /// <summary>The recipient rules of a send (Notify's wording); throws a 400 ValidationError.</summary>
    public RecipientResult ValidateRecipient(ServiceRecord service, SendRequest request)
    {
        var field = request.Type == TemplateType.Email ? "email_address" : "phone_number";
        var result = request.Type == TemplateType.Email
            ? EmailAddressValidator.Validate(request.Recipient)
            : phoneNumbers.Validate(request.Recipient, new PhoneNumberRules(service.AllowInternationalSms, service.AllowSmsToLandlines));
        return result.IsValid ? result : throw NotifyApiException.Validation([$"{field} {result.Error}"]);
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

    private List<DailyCheck> DailyChecks(ApiCaller caller, SendRequest request, RecipientResult recipient)
    {
        // Test keys are never counted against limits.
        if (caller.Key.KeyType == KeyType.Test)
        {
            return [];
        }

        var service = caller.Service.Service;
        var checks = new List<DailyCheck>(2);
        if (service.Restricted)
        {
            checks.Add(new DailyCheck("total", options.Value.TrialDailyLimit));
        }

        checks.Add(request.Type == TemplateType.Email ? new DailyCheck("email", service.EmailDailyLimit)
            : recipient.IsInternational ? new DailyCheck("international_sms", service.InternationalSmsDailyLimit)
            : new DailyCheck("sms", service.SmsDailyLimit));
        return checks;
    }
}
