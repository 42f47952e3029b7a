using System.Security.Cryptography;
using System.Text;
using Herald.Providers.Vonage;
using Herald.Queue;
using Microsoft.Extensions.Options;

namespace Herald.Receipts;

/// <summary>
/// Vonage's SMS webhooks: delivery receipts (<c>/receipts/vonage</c>) and inbound SMS
/// (<c>/inbound/vonage</c>), GET or form POST. They carry no signature, so the URL carries the
/// configured webhook token; without it the request is refused with 403 and changes nothing.
/// </summary>
public static class VonageWebhooks
{
    public static WebApplication MapVonageWebhooks(this WebApplication app)
    {
        app.MapMethods("/receipts/vonage", ["GET", "POST"], ReceiptAsync);
        app.MapMethods("/inbound/vonage", ["GET", "POST"], InboundAsync);
        return app;
    }

    private static async Task<IResult> ReceiptAsync(HttpRequest request, IOptions<VonageOptions> options, QueueWriter queue, TimeProvider time, CancellationToken ct)
    {
        var values = await AuthorisedValuesAsync(request, options.Value, ct);
        if (values is null)
        {
            return TypedResults.StatusCode(403);
        }

        if (!values.TryGetValue("messageId", out var messageId) || !values.TryGetValue("status", out var status))
        {
            return TypedResults.BadRequest();
        }

        await queue.EnqueueAsync([ReceiptProcessor.Item(new ProviderReceipt(VonageSmsProvider.ProviderName, messageId, status, time.GetUtcNow()))], ct);
        return TypedResults.NoContent();
    }

    private static async Task<IResult> InboundAsync(HttpRequest request, IOptions<VonageOptions> options, InboundSmsRecorder inbound, CancellationToken ct)
    {
        var values = await AuthorisedValuesAsync(request, options.Value, ct);
        if (values is null)
        {
            return TypedResults.StatusCode(403);
        }

        await inbound.RecordAsync(values.GetValueOrDefault("to", ""), values.GetValueOrDefault("msisdn", ""), values.GetValueOrDefault("text", ""), values.GetValueOrDefault("messageId"), ct);
        return TypedResults.NoContent();
    }

    private static async Task<Dictionary<string, string>?> AuthorisedValuesAsync(HttpRequest request, VonageOptions options, CancellationToken ct)
    {
        var token = request.Query["token"].ToString();
        if (options.WebhookToken.Length < 16 ||
            !CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(token), Encoding.UTF8.GetBytes(options.WebhookToken)))
        {
            return null;
        }

        var values = request.Query.Where(q => q.Key != "token").ToDictionary(q => q.Key, q => q.Value.ToString(), StringComparer.Ordinal);
        if (request.HasFormContentType)
        {
            foreach (var field in await request.ReadFormAsync(ct))
            {
                values[field.Key] = field.Value.ToString();
            }
        }

        return values;
    }
}
