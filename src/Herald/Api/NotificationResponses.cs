using Herald.Notifications;
using Herald.Templates;
using Herald.NotifyFormat;

namespace Herald.Api;

/// <summary>Turns notification rows into Notify's response bodies.</summary>
internal static class NotificationResponses
{
    public static string BaseUrl(HttpRequest request) => $"{request.Scheme}://{request.Host}{request.PathBase}";

    public static TemplateRef Template(string baseUrl, Guid id, int version) =>
        new(id, version, $"{baseUrl}/v2/template/{id}/version/{version}");

    public static object Created(string baseUrl, AcceptedNotification accepted)
    {
        var n = accepted.Notification;
        var uri = $"{baseUrl}/v2/notifications/{n.Id}";
        var template = Template(baseUrl, n.TemplateId, n.TemplateVersion);
        return n.Type == TemplateType.Email
            ? new EmailCreatedResponse(n.Id, n.Reference, uri, template, new EmailContent(accepted.From, n.Body, n.Subject ?? "", n.OneClickUnsubscribeUrl))
            : new SmsCreatedResponse(n.Id, n.Reference, uri, template, new SmsContent(n.Body, accepted.From));
    }

    public static NotificationResponse Read(string baseUrl, NotificationRecord n) => new(
        n.Id,
        n.Reference,
        n.Type == TemplateType.Email ? n.To : null,
        n.Type == TemplateType.Sms ? n.To : null,
        n.Type.ApiName(),
        n.Status,
        Template(baseUrl, n.TemplateId, n.TemplateVersion),
        n.Body,
        n.Subject,
        ApiTime.Format(n.CreatedAt),
        ApiTime.Format(n.SentAt),
        NotificationStatus.IsFinal(n.Status) ? ApiTime.Format(n.CompletedAt) : null,
        n.OneClickUnsubscribeUrl);
}
