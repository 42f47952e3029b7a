using Herald.Notifications;
using Herald.Storage;
using Microsoft.EntityFrameworkCore;

namespace Herald.Receipts;

/// <summary>
/// Files an inbound text under the service whose <c>sms_sender</c> is the number it was sent to
/// (numbers compared without a leading '+'); a text for no service is logged and dropped.
/// </summary>
public sealed partial class InboundSmsRecorder(HeraldDatabase database, TimeProvider time, ILogger<InboundSmsRecorder> logger)
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

        context.ReceivedTexts.Add(new ReceivedTextRecord
        {
            Id = Guid.CreateVersion7(time.GetUtcNow()),
            ServiceId = service.Id,
            UserNumber = from.TrimStart('+'),
            NotifyNumber = to,
            Content = content,
            ProviderReference = providerReference,
            CreatedAt = time.GetUtcNow().UtcDateTime,
        });
        await context.SaveChangesAsync(cancellationToken);
    }

    [LoggerMessage(7003, LogLevel.Warning, "Inbound SMS to {Number} matches no service's sms_sender; dropped")]
    private static partial void LogNoService(ILogger logger, string number);
}
