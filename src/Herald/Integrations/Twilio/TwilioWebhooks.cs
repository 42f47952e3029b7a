using Herald.Queue;
using Herald.Providers.Instances;
using Herald.Receipts;

namespace Herald.Integrations.Twilio;

/// <summary>
/// Twilio's webhooks: message status callbacks (<c>/receipts/twilio</c>) and inbound SMS
/// (<c>/inbound/twilio</c>). Both must carry a valid <c>X-Twilio-Signature</c>; they answer at once
/// and leave the work to the queue (receipts) or one insert (inbound).
/// </summary>
public static class TwilioWebhooks
{
    public static IEndpointRouteBuilder MapTwilioWebhooks(this IEndpointRouteBuilder app)
    {
        app.MapPost("/receipts/twilio", ReceiptAsync);
        app.MapPost("/inbound/twilio", InboundAsync);
        return app;
    }

    private static async Task<IResult> ReceiptAsync(HttpRequest request, ProviderDirectory providers, QueueWriter queue, TimeProvider time, CancellationToken ct)
    {
        var form = await VerifiedFormAsync(request, (await providers.CurrentAsync(ct)).SettingsOf<TwilioOptions>(), ct);
        if (form is null)
        {
            return TypedResults.StatusCode(403);
        }

        if (!form.TryGetValue("MessageSid", out var sid) || !form.TryGetValue("MessageStatus", out var status) || !ProviderReceipt.IsPlausible(sid, status))
        {
            return TypedResults.BadRequest();
        }

        await queue.EnqueueAsync([ReceiptProcessor.Item(new ProviderReceipt(TwilioSmsProvider.ProviderName, sid, status, time.GetUtcNow()))], ct);
        return TypedResults.NoContent();
    }

    private static async Task<IResult> InboundAsync(HttpRequest request, ProviderDirectory providers, InboundSmsRecorder inbound, CancellationToken ct)
    {
        var form = await VerifiedFormAsync(request, (await providers.CurrentAsync(ct)).SettingsOf<TwilioOptions>(), ct);
        if (form is null)
        {
            return TypedResults.StatusCode(403);
        }

        await inbound.RecordAsync(form.GetValueOrDefault("To", ""), form.GetValueOrDefault("From", ""), form.GetValueOrDefault("Body", ""), form.GetValueOrDefault("MessageSid"), ct);
        return TypedResults.NoContent();
    }

    /// <summary>
    /// The form when its signature is right, with one Twilio account's token, for the URL Twilio
    /// called; null otherwise, a body that cannot be read as a form included (its signature cannot be checked).
    /// </summary>
    private static async Task<Dictionary<string, string>?> VerifiedFormAsync(HttpRequest request, IEnumerable<TwilioOptions> accounts, CancellationToken ct)
    {
        var candidates = accounts.Where(a => a.AuthToken.Length > 0).ToList();
        if (!request.HasFormContentType || candidates.Count == 0 || await WebhookForms.ReadAsync(request, ct) is not { } form)
        {
            return null;
        }

        var signature = request.Headers["X-Twilio-Signature"].ToString();
        return candidates.Any(account => TwilioSignature.IsValid(account.AuthToken, UrlAsCalled(request, account), form, signature)) ? form : null;
    }

    private static string UrlAsCalled(HttpRequest request, TwilioOptions account) => account.PublicUrl is { Length: > 0 } publicUrl
        ? $"{publicUrl.TrimEnd('/')}{request.Path}{request.QueryString}"
        : $"{request.Scheme}://{request.Host}{request.PathBase}{request.Path}{request.QueryString}";
}
