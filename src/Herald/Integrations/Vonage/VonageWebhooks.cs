using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Herald.Queue;
using Herald.Providers.Instances;
using Herald.NotifyFormat;
using Herald.Receipts;

namespace Herald.Integrations.Vonage;

/// <summary>
/// Vonage's SMS webhooks: delivery receipts (<c>/receipts/vonage</c>) and inbound SMS
/// (<c>/inbound/vonage</c>), GET, form POST or JSON POST. They carry no signature, so the URL carries the
/// configured webhook token, in its query or as Basic credentials; without it the request is
/// refused with 403 and changes nothing.
/// </summary>
public static class VonageWebhooks
{
    public static IEndpointRouteBuilder MapVonageWebhooks(this IEndpointRouteBuilder app)
    {
        app.MapMethods("/receipts/vonage", ["GET", "POST"], ReceiptAsync);
        app.MapMethods("/inbound/vonage", ["GET", "POST"], InboundAsync);
        return app;
    }

    private static async Task<IResult> ReceiptAsync(HttpRequest request, ProviderDirectory providers, QueueWriter queue, TimeProvider time, CancellationToken ct)
    {
        if (!Authorised(request, (await providers.CurrentAsync(ct)).SettingsOf<VonageOptions>()))
        {
            return TypedResults.StatusCode(403);
        }

        if (await ValuesAsync(request, ct) is not { } values || !values.TryGetValue("messageId", out var messageId) || !values.TryGetValue("status", out var status)
            || !ProviderReceipt.IsPlausible(messageId, status))
        {
            return TypedResults.BadRequest();
        }

        await queue.EnqueueAsync([ReceiptProcessor.Item(new ProviderReceipt(VonageSmsProvider.ProviderName, messageId, status, time.GetUtcNow()))], ct);
        return TypedResults.NoContent();
    }

    private static async Task<IResult> InboundAsync(HttpRequest request, ProviderDirectory providers, InboundSmsRecorder inbound, CancellationToken ct)
    {
        if (!Authorised(request, (await providers.CurrentAsync(ct)).SettingsOf<VonageOptions>()))
        {
            return TypedResults.StatusCode(403);
        }

        if (await ValuesAsync(request, ct) is not { } values)
        {
            return TypedResults.BadRequest();
        }

        await inbound.RecordAsync(values.GetValueOrDefault("to", ""), values.GetValueOrDefault("msisdn", ""), values.GetValueOrDefault("text", ""), values.GetValueOrDefault("messageId"), ct);
        return TypedResults.NoContent();
    }

    /// <summary>
    /// Whether the request carries the webhook token of one Vonage account, as <c>?token=</c> or as
    /// the password of HTTP Basic credentials (a webhook URL written <c>https://vonage:TOKEN@host/receipts/vonage</c>).
    /// </summary>
    private static bool Authorised(HttpRequest request, IEnumerable<VonageOptions> accounts)
    {
        var token = Encoding.UTF8.GetBytes(request.Query.ContainsKey("token") ? request.Query["token"].ToString() : BasicPassword(request) ?? "");
        return accounts.Any(a => a.WebhookToken.Length >= 16 && CryptographicOperations.FixedTimeEquals(token, Encoding.UTF8.GetBytes(a.WebhookToken)));
    }

    /// <summary>
    /// The webhook's fields, whichever of Vonage's webhook methods the account uses: GET (the
    /// query), POST (a form) or POST-JSON (an object of strings and numbers); null when the body
    /// cannot be read as what its content type says, or holds text that cannot be stored.
    /// </summary>
    private static async Task<Dictionary<string, string>?> ValuesAsync(HttpRequest request, CancellationToken ct)
    {
        var values = request.Query.Where(q => q.Key != "token").ToDictionary(q => q.Key, q => q.Value.ToString(), StringComparer.Ordinal);
        if (request.HasFormContentType)
        {
            if (await WebhookForms.ReadAsync(request, ct) is not { } form)
            {
                return null;
            }

            foreach (var (key, value) in form)
            {
                values[key] = value;
            }
        }
        else if (request.HasJsonContentType())
        {
            try
            {
                using var document = await JsonDocument.ParseAsync(request.Body, cancellationToken: ct);
                if (document.RootElement.ValueKind != JsonValueKind.Object)
                {
                    return null;
                }

                foreach (var property in document.RootElement.EnumerateObject())
                {
                    if (property.Value.ValueKind is JsonValueKind.String or JsonValueKind.Number)
                    {
                        values[property.Name] = property.Value.ValueKind == JsonValueKind.String ? property.Value.GetString()! : property.Value.GetRawText();
                    }
                }
            }
            catch (Exception ex) when (ex is JsonException or InvalidOperationException)
            {
                // InvalidOperationException: a string of invalid UTF-8, found only when read.
                return null;
            }
        }

        return values.All(v => RequestJson.IsStorable(v.Key) && RequestJson.IsStorable(v.Value)) ? values : null;
    }

    private static string? BasicPassword(HttpRequest request)
    {
        var header = request.Headers.Authorization.ToString();
        if (!header.StartsWith("Basic ", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        try
        {
            var credentials = Encoding.UTF8.GetString(Convert.FromBase64String(header["Basic ".Length..].Trim()));
            var colon = credentials.IndexOf(':', StringComparison.Ordinal);
            return colon < 0 ? null : credentials[(colon + 1)..];
        }
        catch (FormatException)
        {
            return null;
        }
    }
}
