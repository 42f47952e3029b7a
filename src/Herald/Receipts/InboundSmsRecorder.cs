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

        // A number or reference longer than its column is no text a provider delivered: dropped (a
        // retry would not make it fit), not a database error answered 500 on PostgreSQL.
        if (from.TrimStart('+').Length > MaxNumberLength || providerReference?.Length > MaxReferenceLength)
        {
            LogUnfit(logger);
            return;
        }

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

    /// <summary>The lengths of <c>received_texts.user_number</c> and <c>provider_reference</c>.</summary>
    private const int MaxNumberLength = 30;
    private const int MaxReferenceLength = 255;

    [LoggerMessage(7006, LogLevel.Warning, "Inbound SMS whose sender number or provider reference is longer than any can be; dropped")]
    private static partial void LogUnfit(ILogger logger);

    [LoggerMessage(7003, LogLevel.Warning, "Inbound SMS to {Number} matches no service's sms_sender; dropped")]
    private static partial void LogNoService(ILogger logger, string number);
}
