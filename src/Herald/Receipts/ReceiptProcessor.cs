using System.Text.Json;
using Herald.Notifications;
using Herald.Providers.Instances;
using Herald.Queue;
using Herald.Storage;
using Microsoft.EntityFrameworkCore;

namespace Herald.Receipts;

/// <summary>
/// Applies a queued receipt with the monotonic guard. A receipt for a reference we do not know
/// may have beaten our own commit, so it is retried until five minutes after it arrived, then
/// logged at warning and dropped. A receipt for one part of an SMS sent as several is applied to
/// that part, and the notification's status follows from its parts'.
/// </summary>
public sealed partial class ReceiptProcessor(
    HeraldDatabase database, ProviderDirectory providers, ProviderTypes types, NotificationStatusUpdater statuses, NotificationEvents events, ComplaintRecorder complaints, NotificationMetrics metrics, TimeProvider time, ILogger<ReceiptProcessor> logger) : IQueueHandler
{
    public const string KindName = "receipts.process";

    public static readonly TimeSpan UnknownReferenceGrace = TimeSpan.FromMinutes(5);

    public string Kind => KindName;

    public static NewQueueItem Item(ProviderReceipt receipt) =>
        new(KindName, JsonSerializer.Serialize(receipt, ReceiptJsonContext.Default.ProviderReceipt),
            Reference: receipt.Reference.Length > MaxItemReference ? receipt.Reference[..MaxItemReference] : receipt.Reference);

    /// <summary>A queue item's reference column holds 200 characters; it names the receipt for operators, so a prefix will do.</summary>
    private const int MaxItemReference = 200;

    public async Task<QueueHandlerResult> HandleAsync(QueueItem item, CancellationToken cancellationToken)
    {
        var receipt = JsonSerializer.Deserialize(item.Payload, ReceiptJsonContext.Default.ProviderReceipt)
            ?? throw new InvalidOperationException("empty receipt");
        var type = types.Find(receipt.Provider);
        if (type?.IsEngagement(receipt.ProviderStatus) == true)
        {
            metrics.Receipt(receipt.Provider, "ignored");
            return QueueHandlerResult.Completed;
        }

        var complaint = type?.IsComplaint(receipt.ProviderStatus) == true;
        var status = type?.MapStatus(receipt.ProviderStatus);
        if (status is null && !complaint)
        {
            LogUnknownStatus(logger, receipt.Provider, receipt.ProviderStatus, receipt.Reference);
            return QueueHandlerResult.PermanentFailure($"unknown {receipt.Provider} status {receipt.ProviderStatus}");
        }

        // Instances are named freely: the receipt's type (twilio, ...) matches every instance of that type.
        var names = (await providers.CurrentAsync(cancellationToken)).All.Where(i => i.Type == receipt.Provider).Select(i => i.Name).ToList();
        await using var context = database.CreateContext();

        // A long SMS sent as several messages (Vonage): each part has its own reference and receipts.
        var part = await context.NotificationParts
            .Where(p => p.Reference == receipt.Reference)
            .Join(context.Notifications.Where(n => names.Contains(n.ProviderName!)), p => p.NotificationId, n => n.Id, (p, n) => new { p.NotificationId, p.Part })
            .FirstOrDefaultAsync(cancellationToken);
        if (part is not null && status is not null && !complaint)
        {
            await statuses.ApplyPartAsync(part.NotificationId, part.Part, status, receipt.ReceivedAt.UtcDateTime, cancellationToken);
            await RecordAsync(part.NotificationId, receipt, $"part {part.Part}: {receipt.ProviderStatus} → {status}", cancellationToken);
            metrics.Receipt(receipt.Provider, status);
            return QueueHandlerResult.Completed;
        }

        var id = part?.NotificationId ?? await context.Notifications
            .Where(n => n.ProviderReference == receipt.Reference && names.Contains(n.ProviderName!))
            .Select(n => (Guid?)n.Id)
            .FirstOrDefaultAsync(cancellationToken);
        if (id is null)
        {
            if (time.GetUtcNow() - receipt.ReceivedAt < UnknownReferenceGrace)
            {
                throw new InvalidOperationException($"no notification has {receipt.Provider} reference {receipt.Reference} yet");
            }

            LogUnknownReference(logger, receipt.Provider, receipt.Reference, receipt.ProviderStatus);
            return QueueHandlerResult.Completed;
        }

        if (complaint)
        {
            await complaints.RecordAsync(id.Value, receipt.ProviderStatus, receipt.ReceivedAt.UtcDateTime, cancellationToken);
            await RecordAsync(id.Value, receipt, $"{receipt.ProviderStatus} → complaint", cancellationToken);
            metrics.Receipt(receipt.Provider, "complaint");
            return QueueHandlerResult.Completed;
        }

        await statuses.ApplyAsync(id.Value, status!, receipt.ReceivedAt.UtcDateTime, cancellationToken);
        await RecordAsync(id.Value, receipt, $"{receipt.ProviderStatus} → {status}", cancellationToken);
        metrics.Receipt(receipt.Provider, status!);
        return QueueHandlerResult.Completed;
    }

    /// <summary>
    /// Kept whether or not the status changed (a late or repeated receipt is still worth seeing).
    /// After the change, so a retry of this item after a failed write may show the receipt twice,
    /// which is better than never.
    /// </summary>
    private Task RecordAsync(Guid notificationId, ProviderReceipt receipt, string outcome, CancellationToken cancellationToken) =>
        events.RecordAsync(notificationId, NotificationEventKinds.Receipt, $"{receipt.Provider} receipt {receipt.Reference}: {outcome}", receipt.ReceivedAt.UtcDateTime, cancellationToken);

    [LoggerMessage(7001, LogLevel.Warning, "Receipt from {Provider} for unknown reference {Reference} (status {ProviderStatus}) dropped after five minutes")]
    private static partial void LogUnknownReference(ILogger logger, string provider, string reference, string providerStatus);

    [LoggerMessage(7002, LogLevel.Warning, "Receipt from {Provider} with unknown status {ProviderStatus} for reference {Reference} dropped")]
    private static partial void LogUnknownStatus(ILogger logger, string provider, string providerStatus, string reference);
}
