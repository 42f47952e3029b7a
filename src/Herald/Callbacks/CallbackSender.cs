using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Herald.Api;
using Herald.Notifications;
using Herald.Queue;
using Herald.Storage;
using Herald.Templates;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;

namespace Herald.Callbacks;

/// <summary>
/// POSTs a notification's final status to the service's delivery_status callback with its bearer
/// token. 2xx is done; 5xx, 429, timeouts (5 s) and connection errors are retried on the
/// <c>callbacks.deliver</c> schedule; any other answer is not retried. Every attempt is logged.
/// </summary>
public sealed partial class CallbackSender(
    HeraldDatabase database, IHttpClientFactory httpClients, IDataProtectionProvider protection, ILogger<CallbackSender> logger) : IQueueHandler
{
    public const string KindName = "callbacks.deliver";
    public const string HttpClientName = "callbacks";

    public string Kind => KindName;

    public async Task<QueueHandlerResult> HandleAsync(QueueItem item, CancellationToken cancellationToken)
    {
        if (!Guid.TryParse(item.Payload, out var id))
        {
            return QueueHandlerResult.PermanentFailure($"payload is not a notification id: {item.Payload}");
        }

        await using var context = database.CreateContext();
        var notification = await context.Notifications.AsNoTracking().FirstOrDefaultAsync(n => n.Id == id, cancellationToken);
        var callback = notification is null ? null : await context.ServiceCallbacks.AsNoTracking()
            .FirstOrDefaultAsync(c => c.ServiceId == notification.ServiceId && c.Kind == CallbackKinds.DeliveryStatus, cancellationToken);
        if (notification is null || callback is null)
        {
            return QueueHandlerResult.PermanentFailure("the notification or its service's callback no longer exists");
        }

        var body = new DeliveryStatusCallback(notification.Id, notification.Reference, notification.To, notification.Status,
            ApiTime.Format(notification.CreatedAt), ApiTime.Format(notification.CompletedAt), ApiTime.Format(notification.SentAt),
            notification.Type.ApiName(), notification.TemplateId, notification.TemplateVersion);
        using var request = new HttpRequestMessage(HttpMethod.Post, callback.Url)
        {
            Content = JsonContent.Create(body, CallbackJsonContext.Default.DeliveryStatusCallback),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", protection.CreateProtector(CallbackKinds.TokenPurpose).Unprotect(callback.ProtectedBearerToken));

        HttpResponseMessage response;
        try
        {
            response = await httpClients.CreateClient(HttpClientName).SendAsync(request, cancellationToken);
        }
        catch (HttpRequestException ex) when (ex.InnerException is OutboundRefusedException refused)
        {
            LogAttempt(logger, id, item.Attempts, "refused by the outbound URL policy");
            return QueueHandlerResult.PermanentFailure(refused.Message);
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            LogAttempt(logger, id, item.Attempts, ex.Message);
            throw;
        }

        using (response)
        {
            var status = (int)response.StatusCode;
            LogAttempt(logger, id, item.Attempts, $"HTTP {status}");
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

    [LoggerMessage(6001, LogLevel.Information, "Delivery status callback for notification {NotificationId}, try {Attempt}: {Outcome}")]
    private static partial void LogAttempt(ILogger logger, Guid notificationId, int attempt, string outcome);
}
