using Herald.Notifications;
using Herald.Queue;
using Herald.Storage;
using Microsoft.EntityFrameworkCore;

namespace Herald.Delivery;

/// <summary>
/// The test-key simulator's receipts: delivered, except Notify's magic recipients
/// (07700900003 / temp-fail@simulator.notify → temporary-failure,
/// 07700900002 / perm-fail@simulator.notify → permanent-failure).
/// </summary>
public sealed class SimulatedReceiptHandler(HeraldDatabase database, NotificationStatusUpdater statuses, TimeProvider time) : IQueueHandler
{
    public const string KindName = "simulator.receipt";
    public const string ProviderName = "simulator";

    public string Kind => KindName;

    public static string StatusFor(string normalisedTo) => normalisedTo switch
    {
        "447700900003" or "temp-fail@simulator.notify" => NotificationStatus.TemporaryFailure,
        "447700900002" or "perm-fail@simulator.notify" => NotificationStatus.PermanentFailure,
        _ => NotificationStatus.Delivered,
    };

    public async Task<QueueHandlerResult> HandleAsync(QueueItem item, CancellationToken cancellationToken)
    {
        if (!Guid.TryParse(item.Payload, out var id))
        {
            return QueueHandlerResult.PermanentFailure($"payload is not a notification id: {item.Payload}");
        }

        await using var context = database.CreateContext();
        var to = await context.Notifications.Where(n => n.Id == id).Select(n => n.NormalisedTo).FirstOrDefaultAsync(cancellationToken);
        if (to is null)
        {
            return QueueHandlerResult.PermanentFailure("notification not found");
        }

        await statuses.ApplyAsync(id, StatusFor(to), time.GetUtcNow().UtcDateTime, cancellationToken);
        return QueueHandlerResult.Completed;
    }
}
