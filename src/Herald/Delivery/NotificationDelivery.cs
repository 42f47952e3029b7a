using System.Collections.Concurrent;
using System.Text.Json;
using Herald.Analytics;
using Herald.Notifications;
using Herald.Providers;
using Herald.Providers.Instances;
using Herald.Queue;
using Herald.Services;
using Herald.Storage;
using Herald.Templates;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Herald.Delivery;

/// <summary>
/// Turns one queued notification into a provider call. Only a notification still in
/// <c>created</c> is sent; test-key notifications go to the simulator instead of a provider.
/// </summary>
public sealed class NotificationDelivery(
    HeraldDatabase database,
    ProviderSelector providers,
    ProviderErrorCounter providerErrors,
    QueueWriter queue,
    BackoffPolicy backoff,
    NotificationStatusUpdater statuses,
    ServiceDirectory services,
    TemplateCache templates,
    PersonalisationProtector personalisationProtector,
    NotificationMetrics metrics,
    SuppressionList suppressions,
    NotificationEvents events,
    IOptions<NotificationOptions> notificationOptions,
    IOptions<DeliveryOptions> deliveryOptions,
    TimeProvider time,
    ILogger<NotificationDelivery> logger)
{
    private const int MaxLoadGroup = 500;

    // Notifications of claimed items are read for the whole batch before its handlers start
    // (most then wait for a provider slot); a handler that finds none here reads its own, grouped
    // with the others doing the same. Only this worker's handler changes a claimed notification
    // from created, so the copy read at claim time is still the one to act on.
    private readonly ConcurrentDictionary<Guid, NotificationRecord> _prefetched = new();
    private readonly GroupedCalls<Guid, NotificationRecord?> _notifications = new(ids => NotificationBatchReader.ReadAsync(database, ids, CancellationToken.None), MaxLoadGroup);

    public async Task PrefetchAsync(IReadOnlyList<QueueItem> items, CancellationToken cancellationToken)
    {
        var ids = items.Select(i => Guid.TryParse(i.Payload, out var id) ? id : Guid.Empty).Where(id => id != Guid.Empty).ToList();
        foreach (var chunk in ids.Chunk(MaxLoadGroup))
        {
            foreach (var notification in await NotificationBatchReader.ReadAsync(database, chunk, cancellationToken))
            {
                if (notification is not null)
                {
                    _prefetched[notification.Id] = notification;
                }
            }
        }
    }

    public async Task<QueueHandlerResult> DeliverAsync(QueueItem item, CancellationToken cancellationToken)
    {
        if (!Guid.TryParse(item.Payload, out var id))
        {
            return QueueHandlerResult.PermanentFailure($"payload is not a notification id: {item.Payload}");
        }

        var notification = _prefetched.TryRemove(id, out var prefetched) ? prefetched : await _notifications.CallAsync(id).WaitAsync(cancellationToken);
        if (notification is null)
        {
            Log.NotFound(logger, id);
            return QueueHandlerResult.PermanentFailure("notification not found");
        }

        if (notification.Status != NotificationStatus.Created)
        {
            Log.NotSending(logger, id, notification.Status);
            return QueueHandlerResult.Completed;
        }

        if (notification.KeyType == KeyType.Test)
        {
            await SimulateAsync(notification.Id, cancellationToken);
            return QueueHandlerResult.Completed;
        }

        if (notification.Type == TemplateType.Email && await suppressions.FindAsync(notification.ServiceId, notification.NormalisedTo, cancellationToken) is { } suppressed)
        {
            await EndSuppressedAsync(notification, suppressed, cancellationToken);
            return QueueHandlerResult.Completed;
        }

        var service = (await services.FindAsync(notification.ServiceId, cancellationToken))?.Service
            ?? throw new InvalidOperationException($"service {notification.ServiceId} of notification {id} not found");
        ProviderResult result;
        var started = time.GetTimestamp();
        ProviderInstance? instance = null;
        try
        {
            instance = await providers.PickAsync(notification.Type.ApiName(), notification.International, cancellationToken);
            result = notification.Type == TemplateType.Email
                ? await instance.Adapter.SendAsync(await EmailAsync(service, notification, cancellationToken), cancellationToken)
                : await instance.Adapter.SendAsync(Sms(service, notification), cancellationToken);
        }
        catch (Exception ex) when (RecordFailedCall(instance, ex, started))
        {
            throw;
        }
        catch (ProviderException ex) when (ex.Kind != ProviderFailureKind.Retryable)
        {
            var forRecipient = ex.Kind == ProviderFailureKind.PermanentForRecipient;
            if (forRecipient)
            {
                Log.RecipientRefused(logger, instance?.Name ?? "none", id, ex.Message);
            }
            else
            {
                Log.ConfigurationRefused(logger, instance?.Name ?? "none", id, ex.Message);
            }

            var status = forRecipient ? NotificationStatus.PermanentFailure : NotificationStatus.TechnicalFailure;
            await statuses.ApplyAsync(id, status, time.GetUtcNow().UtcDateTime, cancellationToken);
            metrics.Delivery(notification.Type.ApiName(), instance?.Name ?? "none", status);
            return QueueHandlerResult.PermanentFailure(ex.Message);
        }
        catch (Exception ex) when (item.Attempts >= backoff.For(item.Kind).MaxAttempts && !cancellationToken.IsCancellationRequested)
        {
            // The queue keeps the item as dead and logs RETRY FAILED; the notification must say so too.
            Log.TechnicalFailure(logger, ex, id);
            metrics.Delivery(notification.Type.ApiName(), instance?.Name ?? "none", NotificationStatus.TechnicalFailure);
            await statuses.ApplyAsync(id, NotificationStatus.TechnicalFailure, time.GetUtcNow().UtcDateTime, CancellationToken.None);
            throw;
        }

        metrics.ProviderCall(instance.Name, "ok", time.GetElapsedTime(started));

        // Sent: recorded whatever happens to this handler now, so that the message is not sent
        // again; the queue item ends in the same commit. Concurrent deliveries share the commit.
        // A provider that confirms delivery at once timed it during the call, before this moment:
        // a notification is never completed before it was sent.
        var sentAt = time.GetUtcNow().UtcDateTime;
        DateTime? deliveredAt = result.DeliveredAt is { } delivered ? (delivered.UtcDateTime < sentAt ? sentAt : delivered.UtcDateTime) : null;
        await statuses.RecordSentAsync(new SentNotification(
            id, notification.ServiceId, instance.Name, result.Reference, sentAt, deliveredAt, item.Id,
            International: notification.Type == TemplateType.Sms && notification.International, Parts: result.Parts));
        Log.Sent(logger, id, instance.Name, result.Reference);
        metrics.Delivery(notification.Type.ApiName(), instance.Name, "sent");
        return QueueHandlerResult.CompletedInTransaction;
    }

    /// <summary>
    /// The service's recipient unsubscribed, complained or bounced for good: no provider call, the
    /// notification ends <c>permanent-failure</c> and its timeline says why.
    /// </summary>
    private async Task EndSuppressedAsync(NotificationRecord notification, SuppressionRecord suppressed, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().UtcDateTime;
        Log.Suppressed(logger, notification.Id, suppressed.Reason);

        // The reason first, so that whoever sees the status can also read why.
        await events.RecordAsync(notification.Id, NotificationEventKinds.Suppressed,
            $"not sent: the address is suppressed for this service ({suppressed.Reason}, since {suppressed.CreatedAt:yyyy-MM-dd HH:mm:ss} UTC)", now, cancellationToken);
        await statuses.ApplyAsync(notification.Id, NotificationStatus.PermanentFailure, now, cancellationToken);
        metrics.Delivery(notification.Type.ApiName(), "none", NotificationStatus.PermanentFailure);
    }

    private async Task SimulateAsync(Guid id, CancellationToken cancellationToken)
    {
        await using var context = database.CreateContext();
        await using var transaction = await context.Database.BeginTransactionAsync(cancellationToken);
        if (await statuses.ApplySendingAsync(context, id, SimulatedReceiptHandler.ProviderName, id.ToString(), time.GetUtcNow().UtcDateTime, cancellationToken))
        {
            await queue.EnqueueAsync(context, new NewQueueItem(
                SimulatedReceiptHandler.KindName, id.ToString(),
                RunAt: time.GetUtcNow() + deliveryOptions.Value.SimulatedReceiptDelay,
                Reference: id.ToString()), cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
    }

    private async Task<EmailMessage> EmailAsync(ServiceRecord service, NotificationRecord notification, CancellationToken cancellationToken)
    {
        var version = await templates.FindVersionAsync(notification.TemplateId, notification.TemplateVersion, cancellationToken);
        var personalisation = personalisationProtector.Unprotect(notification.Personalisation);
        var rendered = TemplateRenderer.Render(TemplateType.Email, version.Subject, version.Body, personalisation);
        return new EmailMessage(notification.Id, SenderAddresses.EmailFrom(service, notificationOptions.Value), notification.NormalisedTo,
            rendered.Subject ?? "", rendered.Html ?? "", rendered.PlainText ?? rendered.Body, notification.OneClickUnsubscribeUrl);
    }

    private SmsMessage Sms(ServiceRecord service, NotificationRecord notification) =>
        new(notification.Id, SenderAddresses.SmsFrom(service, notificationOptions.Value), notification.NormalisedTo, notification.Body, notification.International);

    /// <summary>Records a failed provider call; always false, so the exception goes on to its handler.</summary>
    private bool RecordFailedCall(ProviderInstance? instance, Exception exception, long started)
    {
        if (instance is null)
        {
            return false;
        }

        if (exception is not ProviderException { Kind: ProviderFailureKind.PermanentForRecipient } && exception is not OperationCanceledException)
        {
            providerErrors.Record(instance.Id);
        }

        var outcome = exception is ProviderException p ? p.Kind switch
        {
            ProviderFailureKind.PermanentForRecipient => "permanent",
            ProviderFailureKind.Technical => "technical",
            _ => "retryable",
        } : "retryable";
        metrics.ProviderCall(instance.Name, outcome, time.GetElapsedTime(started));
        return false;
    }
}
