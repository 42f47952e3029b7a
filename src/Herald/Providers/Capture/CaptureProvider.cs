using System.Globalization;
using Herald.Storage;

namespace Herald.Providers.Capture;

/// <summary>
/// The dev inbox: keeps every email and SMS in <c>captured_messages</c> instead of sending it, and
/// reports it delivered at once. The default provider of both channels on a fresh install.
/// </summary>
public sealed class CaptureProvider(HeraldDatabase database, TimeProvider time) : IEmailProvider, ISmsProvider
{
    public const string ProviderName = "capture";

    public string Name => ProviderName;

    public Task<ProviderResult> SendAsync(EmailMessage message, CancellationToken cancellationToken) =>
        KeepAsync(new CapturedMessageRecord
        {
            NotificationId = message.NotificationId,
            Channel = "email",
            To = message.To,
            From = message.From,
            Subject = message.Subject,
            Body = message.PlainText,
            Html = message.Html,
        }, cancellationToken);

    public Task<ProviderResult> SendAsync(SmsMessage message, CancellationToken cancellationToken) =>
        KeepAsync(new CapturedMessageRecord
        {
            NotificationId = message.NotificationId,
            Channel = "sms",
            To = message.To,
            From = message.From,
            Body = message.Body,
        }, cancellationToken);

    private async Task<ProviderResult> KeepAsync(CapturedMessageRecord record, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        record.CreatedAt = now.UtcDateTime;
        await using var context = database.CreateContext();
        context.CapturedMessages.Add(record);
        await context.SaveChangesAsync(cancellationToken);
        return new ProviderResult($"capture-{record.Id.ToString(CultureInfo.InvariantCulture)}", now);
    }
}
