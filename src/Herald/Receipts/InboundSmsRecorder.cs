using Herald.Callbacks;
using Herald.Notifications;
using Herald.Queue;
using Herald.Storage;
using Microsoft.EntityFrameworkCore;
using Herald.Services;

namespace Herald.Receipts;

/// <summary>
/// Files an inbound text under the service whose <c>sms_sender</c> is the number it was sent to
/// (numbers compared without a leading '+') and queues the service's inbound_sms callback in the
/// same transaction; a text for no service is logged and dropped.
/// </summary>
public sealed partial class InboundSmsRecorder(HeraldDatabase database, QueueWriter queue, TimeProvider time, ILogger<InboundSmsRecorder> logger)
{
    public async Task RecordAsync(string to, string from, string content, string? providerReference, CancellationToken cancellationToken)
    {
        to = to.TrimStart('+');
        await using var context = database.CreateContext();
        var services = await context.Services.AsNoTracking().Where(s => s.SmsSender != null).Select(s => new { s.Id, s.SmsSender }).ToListAsync(cancellationToken);
        var service = services.FirstOrDefault(s => s.SmsSender!.TrimStart('+') == to);
        if (service is null)
        {
            LogNoService(logger, to);
            return;
        }

        await using var transaction = await context.Database.BeginTransactionAsync(cancellationToken);
        var id = Guid.CreateVersion7(time.GetUtcNow());
        context.ReceivedTexts.Add(new ReceivedTextRecord
        {
            Id = id,
            ServiceId = service.Id,
            UserNumber = from.TrimStart('+'),
            NotifyNumber = to,
            Content = content,
            ProviderReference = providerReference,
            CreatedAt = time.GetUtcNow().UtcDateTime,
        });
        await context.SaveChangesAsync(cancellationToken);
        if (await context.ServiceCallbacks.AnyAsync(c => c.ServiceId == service.Id && c.Kind == CallbackKinds.InboundSms, cancellationToken))
        {
            await queue.EnqueueAsync(context, new NewQueueItem(CallbackSender.KindName, CallbackKinds.Payload(CallbackKinds.InboundSms, id)), cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
    }

    [LoggerMessage(7003, LogLevel.Warning, "Inbound SMS to {Number} matches no service's sms_sender; dropped")]
    private static partial void LogNoService(ILogger logger, string number);
}
