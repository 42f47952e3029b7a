using System.Globalization;
using System.Text.Json;
using Herald.Analytics;
using Herald.NotifyFormat;
using Herald.Storage;
using Herald.Queue;
using Herald.Providers.Instances;
using Herald.Receipts;

namespace Herald.Integrations.Mailgun;

/// <summary>
/// Mailgun's event webhook (<c>/receipts/mailgun</c>, JSON): the signature block must verify with
/// the signing key, carry a timestamp within 15 minutes of now and a token not seen before (403
/// otherwise, nothing changes); the event is queued for processing: delivery, failure and engagement events
/// as analytics events (<see cref="MailgunEventReader"/>), others as receipts with the message's
/// Message-ID as reference and <c>event</c> as status. Success is answered 200, as Mailgun expects.
/// </summary>
public static class MailgunWebhooks
{
    private static readonly long MaxUnixSeconds = DateTimeOffset.MaxValue.ToUnixTimeSeconds();

    public static IEndpointRouteBuilder MapMailgunWebhooks(this IEndpointRouteBuilder app)
    {
        app.MapPost("/receipts/mailgun", ReceiptAsync);
        return app;
    }

    private static async Task<IResult> ReceiptAsync(HttpRequest request, ProviderDirectory providers, QueueWriter queue, WebhookReplayGuard replays, HeraldDatabase database, TimeProvider time, CancellationToken ct)
    {
        JsonDocument document;
        try
        {
            document = await JsonDocument.ParseAsync(request.Body, cancellationToken: ct);
        }
        catch (JsonException)
        {
            return TypedResults.BadRequest();
        }

        var signingKeys = (await providers.CurrentAsync(ct)).SettingsOf<MailgunOptions>().Select(o => o.WebhookSigningKey).Where(k => k.Length > 0).ToList();
        using (document)
        {
            var root = document.RootElement;
            if (Member(root, "signature") is not { } signature
                || Text(signature, "timestamp") is not { } timestamp || Text(signature, "token") is not { } token
                || !signingKeys.Any(key => MailgunSignature.IsValid(key, timestamp, token, Text(signature, "signature")))
                || !long.TryParse(timestamp, NumberStyles.None, CultureInfo.InvariantCulture, out var signedAt)
                || signedAt > MaxUnixSeconds || !replays.IsFresh(DateTimeOffset.FromUnixTimeSeconds(signedAt)))
            {
                return TypedResults.StatusCode(403);
            }

            if (Member(root, "event-data") is not { } data || Text(data, "event") is not { } eventName
                || Member(data, "message") is not { } message || Member(message, "headers") is not { } headers
                || Text(headers, "message-id") is not { } messageId)
            {
                return TypedResults.BadRequest();
            }

            // A failure without a severity is permanent; one with a severity that is not readable text is not Mailgun's.
            var severity = Text(data, "severity");
            if (eventName == "failed" && severity is null && Member(data, "severity") is { ValueKind: not JsonValueKind.Null })
            {
                return TypedResults.BadRequest();
            }

            var status = eventName == "failed" ? $"failed:{severity ?? "permanent"}" : eventName;
            var reference = messageId.Trim('<', '>');
            if (!ProviderReceipt.IsPlausible(reference, status))
            {
                return TypedResults.BadRequest();
            }

            await using var context = database.CreateContext();
            await using var transaction = await context.Database.BeginTransactionAsync(ct);
            if (!await replays.TryUseAsync(context, MailgunEmailProvider.ProviderName, token, ct))
            {
                return TypedResults.StatusCode(403);
            }

            // Delivery, failures and engagement go to analytics, whose rules the fetch loops share;
            // the rest (accepted, rejected) to receipts as before.
            var item = MailgunEventReader.Read(data, time.GetUtcNow().UtcDateTime) is { } analytics && RequestJson.IsStorable(analytics.EventId)
                && (analytics.Message is null || RequestJson.IsStorable(analytics.Message))
                ? AnalyticsEventsHandler.Item(analytics)
                : ReceiptProcessor.Item(new ProviderReceipt(MailgunEmailProvider.ProviderName, reference, status, time.GetUtcNow()));
            await queue.EnqueueAsync(context, item, ct);
            await transaction.CommitAsync(ct);

            // Mailgun's success is 200: any other answer but 406 is retried for eight hours.
            return TypedResults.Ok();
        }
    }

    private static JsonElement? Member(JsonElement element, string name) => MailgunEventReader.Member(element, name);

    private static string? Text(JsonElement element, string name) => MailgunEventReader.Text(element, name);
}
