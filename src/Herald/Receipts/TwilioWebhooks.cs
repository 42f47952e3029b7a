using Herald.Notifications;
using Herald.Providers.Twilio;
using Herald.Queue;
using Herald.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Herald.Receipts;

/// <summary>
/// Twilio's webhooks: message status callbacks (<c>/receipts/twilio</c>) and inbound SMS
/// (<c>/inbound/twilio</c>). Both must carry a valid <c>X-Twilio-Signature</c>; they answer at once
/// and leave the work to the queue (receipts) or one insert (inbound).
/// </summary>
public static partial class TwilioWebhooks
{
    public static WebApplication MapTwilioWebhooks(this WebApplication app)
    {
        app.MapPost("/receipts/twilio", ReceiptAsync);
        app.MapPost("/inbound/twilio", InboundAsync);
        return app;
    }

    private static async Task<IResult> ReceiptAsync(HttpRequest request, IOptions<TwilioOptions> options, QueueWriter queue, TimeProvider time, CancellationToken ct)
    {
        var form = await VerifiedFormAsync(request, options.Value, ct);
        if (form is null)
        {
            return TypedResults.StatusCode(403);
        }

        if (!form.TryGetValue("MessageSid", out var sid) || !form.TryGetValue("MessageStatus", out var status))
        {
            return TypedResults.BadRequest();
        }

        await queue.EnqueueAsync([ReceiptProcessor.Item(new ProviderReceipt(TwilioSmsProvider.ProviderName, sid, status, time.GetUtcNow()))], ct);
        return TypedResults.NoContent();
    }

    private static async Task<IResult> InboundAsync(
        HttpRequest request, IOptions<TwilioOptions> options, HeraldDatabase database, TimeProvider time, ILoggerFactory loggers, CancellationToken ct)
    {
        var form = await VerifiedFormAsync(request, options.Value, ct);
        if (form is null)
        {
            return TypedResults.StatusCode(403);
        }

        var to = form.GetValueOrDefault("To", "").TrimStart('+');
        var from = form.GetValueOrDefault("From", "").TrimStart('+');
        await using var context = database.CreateContext();
        var services = await context.Services.AsNoTracking().Where(s => s.SmsSender != null).Select(s => new { s.Id, s.SmsSender }).ToListAsync(ct);
        var service = services.FirstOrDefault(s => s.SmsSender!.TrimStart('+') == to);
        if (service is null)
        {
            LogNoService(loggers.CreateLogger("Herald.Receipts.TwilioWebhooks"), to);
            return TypedResults.NoContent();
        }

        context.ReceivedTexts.Add(new ReceivedTextRecord
        {
            Id = Guid.CreateVersion7(time.GetUtcNow()),
            ServiceId = service.Id,
            UserNumber = from,
            NotifyNumber = to,
            Content = form.GetValueOrDefault("Body", ""),
            ProviderReference = form.GetValueOrDefault("MessageSid"),
            CreatedAt = time.GetUtcNow().UtcDateTime,
        });
        await context.SaveChangesAsync(ct);
        return TypedResults.NoContent();
    }

    /// <summary>The form when its signature is right for the URL Twilio called; null otherwise.</summary>
    private static async Task<Dictionary<string, string>?> VerifiedFormAsync(HttpRequest request, TwilioOptions options, CancellationToken ct)
    {
        if (!request.HasFormContentType || options.AuthToken.Length == 0)
        {
            return null;
        }

        var form = (await request.ReadFormAsync(ct)).ToDictionary(f => f.Key, f => f.Value.ToString(), StringComparer.Ordinal);
        var url = options.PublicUrl is { Length: > 0 } publicUrl
            ? $"{publicUrl.TrimEnd('/')}{request.Path}{request.QueryString}"
            : $"{request.Scheme}://{request.Host}{request.PathBase}{request.Path}{request.QueryString}";
        return TwilioSignature.IsValid(options.AuthToken, url, form, request.Headers["X-Twilio-Signature"].ToString()) ? form : null;
    }

    [LoggerMessage(7003, LogLevel.Warning, "Inbound SMS to {Number} matches no service's sms_sender; dropped")]
    private static partial void LogNoService(ILogger logger, string number);
}
