using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Herald.Notifications;
using Herald.Queue;
using Herald.Storage;
using Herald.Templates;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Herald.NotifyFormat;
using Herald.Outbound;
using Herald.Services;

namespace Herald.Callbacks;

/// <summary>
/// POSTs to a service's callback with its bearer token: a notification's final status
/// (delivery_status), an inbound text (inbound_sms) or a complaint. 2xx is done; 5xx, 429, timeouts (5 s) and connection errors are retried on the
/// <c>callbacks.deliver</c> schedule; any other answer is not retried. Every attempt is logged.
/// </summary>
public sealed partial class CallbackSender(
    HeraldDatabase database, IHttpClientFactory httpClients, IDataProtectionProvider protection, IOptions<OutboundOptions> outbound, NotificationEvents events, TimeProvider time, ILogger<CallbackSender> logger) : IQueueHandler
{
    public const string KindName = CallbackKinds.QueueKind;
    public const string HttpClientName = "callbacks";

    public string Kind => KindName;

    public async Task<QueueHandlerResult> HandleAsync(QueueItem item, CancellationToken cancellationToken)
    {
        var (kind, idText) = item.Payload.IndexOf(':', StringComparison.Ordinal) is var colon and > 0
            ? (item.Payload[..colon], item.Payload[(colon + 1)..])
            : (CallbackKinds.DeliveryStatus, item.Payload);
        if (!Guid.TryParse(idText, out var id) || !CallbackKinds.All.Contains(kind))
        {
            return QueueHandlerResult.PermanentFailure($"payload is not a callback: {item.Payload}");
        }

        await using var context = database.CreateContext();
        var subject = kind switch
        {
            CallbackKinds.InboundSms => await InboundSmsAsync(context, id, cancellationToken),
            CallbackKinds.Complaint => await ComplaintAsync(context, id, cancellationToken),
            _ => await DeliveryStatusAsync(context, id, cancellationToken),
        };
        var callback = subject is null ? null : await context.ServiceCallbacks.AsNoTracking()
            .FirstOrDefaultAsync(c => c.ServiceId == subject.Value.ServiceId && c.Kind == kind, cancellationToken);
        if (subject is null || callback is null)
        {
            return QueueHandlerResult.PermanentFailure($"the {kind} subject or its service's callback no longer exists");
        }

        // Checked again here, not only when the URL was registered: http may have been allowed then
        // (on this node or another) and not now.
        if (outbound.Value.RefusesScheme(new Uri(callback.Url)))
        {
            LogAttempt(logger, kind, id, item.Attempts, "refused: the URL is http and AllowHttpCallbacks is off");
            await RecordAsync(subject.Value.NotificationId, kind, item.Attempts, "refused: the URL is http and http callbacks are not allowed", cancellationToken);
            return QueueHandlerResult.PermanentFailure("callback URL is http and http callbacks are not allowed");
        }

        using var request = new HttpRequestMessage(HttpMethod.Post, callback.Url) { Content = subject.Value.Body };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", protection.CreateProtector(CallbackKinds.TokenPurpose).Unprotect(callback.ProtectedBearerToken));

        HttpResponseMessage response;
        try
        {
            // Only the status matters: the body, whatever its size, is never read into memory.
            response = await httpClients.CreateClient(HttpClientName).SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        }
        catch (HttpRequestException ex) when (ex.InnerException is OutboundRefusedException refused)
        {
            LogAttempt(logger, kind, id, item.Attempts, "refused by the outbound URL policy");
            await RecordAsync(subject.Value.NotificationId, kind, item.Attempts, "refused by the outbound URL policy", cancellationToken);
            return QueueHandlerResult.PermanentFailure(refused.Message);
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            LogAttempt(logger, kind, id, item.Attempts, ex.Message);
            await RecordAsync(subject.Value.NotificationId, kind, item.Attempts, ex is TaskCanceledException ? "timed out" : ex.Message, cancellationToken);
            throw;
        }

        using (response)
        {
            var status = (int)response.StatusCode;
            LogAttempt(logger, kind, id, item.Attempts, $"HTTP {status}");
            await RecordAsync(subject.Value.NotificationId, kind, item.Attempts, $"HTTP {status}", cancellationToken);
            if (response.IsSuccessStatusCode)
            {
                return QueueHandlerResult.Completed;
            }

            if (status >= 500 || response.StatusCode == HttpStatusCode.TooManyRequests)
            {
                throw new HttpRequestException($"callback answered {status}", null, response.StatusCode);
            }

            return QueueHandlerResult.PermanentFailure($"callback answered {status}; not retried");
        }
    }

    private static async Task<(Guid ServiceId, Guid? NotificationId, HttpContent Body)?> DeliveryStatusAsync(HeraldDbContext context, Guid id, CancellationToken cancellationToken)
    {
        var n = await context.Notifications.AsNoTracking().FirstOrDefaultAsync(n => n.Id == id, cancellationToken);
        return n is null ? null : (n.ServiceId, n.Id, JsonContent.Create(
            new DeliveryStatusCallback(n.Id, n.Reference, n.To, n.Status, ApiTime.Format(n.CreatedAt), ApiTime.Format(n.CompletedAt), ApiTime.Format(n.SentAt),
                n.Type.ApiName(), n.TemplateId, n.TemplateVersion),
            CallbackJsonContext.Default.DeliveryStatusCallback));
    }

    private static async Task<(Guid ServiceId, Guid? NotificationId, HttpContent Body)?> InboundSmsAsync(HeraldDbContext context, Guid id, CancellationToken cancellationToken)
    {
        var text = await context.ReceivedTexts.AsNoTracking().FirstOrDefaultAsync(t => t.Id == id, cancellationToken);
        return text is null ? null : (text.ServiceId, null, JsonContent.Create(
            new InboundSmsCallback(text.Id, text.UserNumber, text.NotifyNumber, text.Content, ApiTime.Format(text.CreatedAt)),
            CallbackJsonContext.Default.InboundSmsCallback));
    }

    private static async Task<(Guid ServiceId, Guid? NotificationId, HttpContent Body)?> ComplaintAsync(HeraldDbContext context, Guid id, CancellationToken cancellationToken)
    {
        var complaint = await context.Complaints.AsNoTracking()
            .Join(context.Notifications, c => c.NotificationId, n => n.Id, (c, n) => new { c, n.Reference, n.To })
            .FirstOrDefaultAsync(x => x.c.Id == id, cancellationToken);
        return complaint is null ? null : (complaint.c.ServiceId, complaint.c.NotificationId, JsonContent.Create(
            new ComplaintCallback(complaint.c.NotificationId, complaint.c.Id, complaint.Reference, complaint.To, ApiTime.Format(complaint.c.ComplaintDate)),
            CallbackJsonContext.Default.ComplaintCallback));
    }

    /// <summary>On the notification's timeline, for the callbacks that concern one (not a received text's).</summary>
    private async Task RecordAsync(Guid? notificationId, string kind, int attempt, string outcome, CancellationToken cancellationToken)
    {
        if (notificationId is { } id)
        {
            await events.RecordAsync(id, NotificationEventKinds.Callback, $"{kind} callback, try {attempt}: {outcome}", time.GetUtcNow().UtcDateTime, cancellationToken);
        }
    }

    [LoggerMessage(6001, LogLevel.Information, "Service callback {Kind} for {SubjectId}, try {Attempt}: {Outcome}")]
    private static partial void LogAttempt(ILogger logger, string kind, Guid subjectId, int attempt, string outcome);
}
