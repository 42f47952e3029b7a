using Herald.Callbacks;
using Herald.Notifications;
using Herald.Queue;
using Herald.Storage;
using Microsoft.EntityFrameworkCore;
using Herald.Services;

namespace Herald.Receipts;

/// <summary>
/// Keeps a recipient's spam complaint about a notification (its status does not change, as in
/// Notify) and queues the service's complaint callback in the same transaction. A second
/// complaint event for the same notification is a duplicate and changes nothing.
/// </summary>
public sealed partial class ComplaintRecorder(HeraldDatabase database, QueueWriter queue, TimeProvider time, ILogger<ComplaintRecorder> logger)
{
    public async Task RecordAsync(Guid notificationId, string complaintType, DateTime complainedAt, CancellationToken cancellationToken)
    {
        await using var context = database.CreateContext();
        var serviceId = await context.Notifications.Where(n => n.Id == notificationId).Select(n => n.ServiceId).FirstAsync(cancellationToken);
        if (await context.Complaints.AnyAsync(c => c.NotificationId == notificationId, cancellationToken))
        {
            LogDuplicate(logger, notificationId);
            return;
        }

        await using var transaction = await context.Database.BeginTransactionAsync(cancellationToken);
        var id = Guid.CreateVersion7(time.GetUtcNow());
        context.Complaints.Add(new ComplaintRecord
        {
            Id = id, NotificationId = notificationId, ServiceId = serviceId, ComplaintType = complaintType,
            ComplaintDate = complainedAt, CreatedAt = time.GetUtcNow().UtcDateTime,
        });
        try
        {
            await context.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            if (!await IsRecordedAsync(notificationId, cancellationToken))
            {
                throw;
            }

            // The same complaint, processed at the same moment by another handler.
            LogDuplicate(logger, notificationId);
            return;
        }

        if (await context.ServiceCallbacks.AnyAsync(c => c.ServiceId == serviceId && c.Kind == CallbackKinds.Complaint, cancellationToken))
        {
            await queue.EnqueueAsync(context, new NewQueueItem(CallbackSender.KindName, CallbackKinds.Payload(CallbackKinds.Complaint, id)), cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        LogComplaint(logger, notificationId, complaintType);
    }

    private async Task<bool> IsRecordedAsync(Guid notificationId, CancellationToken cancellationToken)
    {
        await using var context = database.CreateContext();
        return await context.Complaints.AnyAsync(c => c.NotificationId == notificationId, cancellationToken);
    }

    [LoggerMessage(7004, LogLevel.Warning, "Complaint ({ComplaintType}) about notification {NotificationId}")]
    private static partial void LogComplaint(ILogger logger, Guid notificationId, string complaintType);

    [LoggerMessage(7005, LogLevel.Information, "Complaint about notification {NotificationId} already recorded (duplicate event)")]
    private static partial void LogDuplicate(ILogger logger, Guid notificationId);
}
