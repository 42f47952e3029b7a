using System.Text.Json;
using Herald.Auth;
using Herald.Idempotency;
using Herald.NotifyFormat;
using Herald.Templates;
using Microsoft.Extensions.Primitives;

namespace Herald.Api;

/// <summary>
/// A send with an <c>Idempotency-Key</c> (<see cref="IdempotencyKeys"/>): the first request with a
/// key sends and its 201 is stored with the notification; the same key and body again within 24
/// hours is answered that 201 byte for byte, and nothing more is sent.
/// </summary>
internal static class IdempotentSend
{
    private const string JsonContentType = "application/json; charset=utf-8";

    /// <summary>The send routes' description in the API reference.</summary>
    public const string Description =
        "Optional header `Idempotency-Key` (1 to 255 printable ASCII characters, per service): the same key and the same body " +
        "within 24 hours is answered the first 201 again, byte for byte (header `Idempotent-Replayed: true`), and sends nothing more; " +
        "the key with another body is a 409 `ConflictError`. Only a 201 is remembered.";

    public static async Task<IResult> SendAsync(
        HttpContext http, NotifyRequestContext api, ApiCaller caller, TemplateType type, StringValues keyValues, CancellationToken ct)
    {
        var key = IdempotencyKeys.Validate(keyValues);

        // The raw body, hashed as it came, then read as JSON from that copy. A body refused here is
        // never remembered: the key is claimed only for a request that parses.
        var raw = await ReadRawAsync(http.Request, ct);
        var hash = IdempotencyKeys.Hash(raw);
        http.Request.Body = new MemoryStream(raw, writable: false);
        using var body = await RequestJson.ReadAsync(http.Request, ct);
        var request = SendRequestParser.Parse(type, body.RootElement);

        var start = await api.Idempotency.BeginAsync(caller.ServiceId, key, hash, ct);
        if (start.Replay is { } stored)
        {
            http.Response.Headers[IdempotencyKeys.ReplayedHeader] = "true";
            return TypedResults.Text(stored.Body, JsonContentType, stored.StatusCode);
        }

        await using var claim = start.Claim!;
        byte[]? answer = null;
        var baseUrl = NotificationResponses.BaseUrl(http.Request);
        await api.Sender.SendAsync(caller, request, accepted =>
        {
            answer = Serialize(NotificationResponses.Created(baseUrl, accepted));
            return claim.StoreAnswer(StatusCodes.Status201Created, answer, accepted.Notification.Id);
        }, ct);
        claim.Committed();

        // The stored bytes themselves, so the first answer and every replay are the same.
        return TypedResults.Text(answer!, JsonContentType, StatusCodes.Status201Created);
    }

    private static byte[] Serialize(object response) => response is EmailCreatedResponse email
        ? JsonSerializer.SerializeToUtf8Bytes(email, ApiJsonContext.Default.EmailCreatedResponse)
        : JsonSerializer.SerializeToUtf8Bytes((SmsCreatedResponse)response, ApiJsonContext.Default.SmsCreatedResponse);

    private static async Task<byte[]> ReadRawAsync(HttpRequest request, CancellationToken ct)
    {
        // Bounded by the route's body limit, which Kestrel enforces while this reads (413).
        using var buffer = new MemoryStream();
        await request.Body.CopyToAsync(buffer, ct);
        return buffer.ToArray();
    }
}
