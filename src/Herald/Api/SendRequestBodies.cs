using System.Text.Json;

namespace Herald.Api;

// The request bodies of the /v2 routes as Notify documents them, for the API reference only:
// SendRequestParser and TemplatePreviewRequest read the JSON themselves, field by field.

/// <summary>POST /v2/notifications/email.</summary>
/// <param name="EmailAddress">The recipient.</param>
/// <param name="TemplateId">An email template of the service.</param>
/// <param name="Personalisation">Values for the template's placeholders.</param>
/// <param name="Reference">The caller's own reference, returned with the notification.</param>
/// <param name="EmailReplyToId">A reply-to address of the service.</param>
/// <param name="OneClickUnsubscribeUrl">An https URL for the List-Unsubscribe header.</param>
public sealed record SendEmailBody(
    string EmailAddress,
    Guid TemplateId,
    IReadOnlyDictionary<string, JsonElement>? Personalisation = null,
    string? Reference = null,
    Guid? EmailReplyToId = null,
    string? OneClickUnsubscribeUrl = null);

/// <summary>POST /v2/notifications/sms.</summary>
/// <param name="PhoneNumber">The recipient; without a country code, <c>Recipients:DefaultRegion</c> applies.</param>
/// <param name="TemplateId">A text message template of the service.</param>
/// <param name="Personalisation">Values for the template's placeholders.</param>
/// <param name="Reference">The caller's own reference, returned with the notification.</param>
/// <param name="SmsSenderId">An SMS sender of the service.</param>
public sealed record SendSmsBody(
    string PhoneNumber,
    Guid TemplateId,
    IReadOnlyDictionary<string, JsonElement>? Personalisation = null,
    string? Reference = null,
    Guid? SmsSenderId = null);

/// <summary>POST /v2/template/{id}/preview.</summary>
/// <param name="Personalisation">Values for the template's placeholders.</param>
public sealed record TemplatePreviewBody(IReadOnlyDictionary<string, JsonElement>? Personalisation = null);
