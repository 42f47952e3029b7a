using System.Globalization;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using Herald.Callbacks;
using Microsoft.Extensions.Options;
using Herald.Outbound;

namespace Herald.Pushers.WebPush;

/// <summary>
/// Sends one RFC 8030 push message: the payload encrypted for the subscription (RFC 8291), signed
/// for by VAPID (RFC 8292), POSTed to the subscription's endpoint, and the answer mapped to what the
/// caller should do. Connections go through <see cref="OutboundUrlPolicy"/>: an endpoint that
/// resolves to a private or loopback address is refused unless private targets are allowed.
/// </summary>
public sealed class WebPushSender(
    IHttpClientFactory httpClients, VapidSigner vapid, IOptions<OutboundOptions> outbound, WebPushMetrics metrics, ILogger<WebPushSender> logger)
{
    public const string HttpClientName = "webpush";

    /// <summary>How long one push may take before it counts as a timeout (and is retried).</summary>
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    /// <summary>Encrypts <paramref name="payload"/> (at most 3993 bytes) for the subscription and posts it.</summary>
    /// <exception cref="WebPushNotConfiguredException">No VAPID keys are configured.</exception>
    public async Task<WebPushOutcome> SendAsync(
        WebPushSubscription subscription, ReadOnlyMemory<byte> payload, WebPushMessageOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(subscription);
        ArgumentNullException.ThrowIfNull(options);
        if (payload.Length > WebPushEncryption.MaxPayloadLength)
        {
            throw new ArgumentException($"A web push payload is at most {WebPushEncryption.MaxPayloadLength} bytes; this one is {payload.Length}.", nameof(payload));
        }

        var endpoint = Uri.TryCreate(subscription.Endpoint, UriKind.Absolute, out var parsed) ? parsed : null;
        var origin = endpoint?.GetLeftPart(UriPartial.Authority) ?? "(invalid endpoint)";
        if (subscription.Validate(checkCurve: false) is { } problem)
        {
            return Finish(WebPushOutcome.Rejected, () => Log.NotSent(logger, origin, problem));
        }

        // The VAPID token in the header is replayable for hours against that push service: never over plain http,
        // except where the operator allows http targets for local use.
        if (outbound.Value.RefusesScheme(endpoint!))
        {
            return Finish(WebPushOutcome.Rejected, () => Log.NotSent(logger, origin, "the endpoint is not https"));
        }

        var authorization = vapid.CreateAuthorization(endpoint!);
        byte[] body;
        try
        {
            body = WebPushEncryption.Encrypt(payload.Span, subscription);
        }
        catch (CryptographicException)
        {
            return Finish(WebPushOutcome.Rejected, () => Log.NotSent(logger, origin, "keys.p256dh is not a point on P-256"));
        }

        using var request = new HttpRequestMessage(HttpMethod.Post, endpoint) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        request.Content.Headers.ContentEncoding.Add("aes128gcm");
        request.Headers.TryAddWithoutValidation("Authorization", authorization);
        request.Headers.Add("TTL", ((long)options.Ttl.TotalSeconds).ToString(CultureInfo.InvariantCulture));
        request.Headers.Add("Urgency", options.UrgencyHeader);
        if (options.Topic is { } topic)
        {
            request.Headers.Add("Topic", topic);
        }

        HttpResponseMessage response;
        try
        {
            // Only the status matters: the body, whatever its size, is never read into memory.
            response = await httpClients.CreateClient(HttpClientName).SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        }
        catch (HttpRequestException ex) when (ex.InnerException is OutboundRefusedException refused)
        {
            return Finish(WebPushOutcome.Rejected, () => Log.NotSent(logger, origin, refused.Message));
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            return Finish(WebPushOutcome.Retry, () => Log.RetryTransport(logger, ex, origin));
        }

        using (response)
        {
            var status = (int)response.StatusCode;
            return status switch
            {
                >= 200 and < 300 => Finish(WebPushOutcome.Delivered, () => Log.Delivered(logger, origin, status)),
                404 or 410 => Finish(WebPushOutcome.Gone, () => Log.Gone(logger, origin, status)),
                429 or >= 500 => Finish(WebPushOutcome.Retry, () => Log.RetryStatus(logger, origin, status)),
                _ => Finish(WebPushOutcome.Rejected, () => Log.RejectedStatus(logger, origin, status)),
            };
        }
    }

    private WebPushOutcome Finish(WebPushOutcome outcome, Action log)
    {
        log();
        metrics.Outcome(outcome);
        return outcome;
    }
}
