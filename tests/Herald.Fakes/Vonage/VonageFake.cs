using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Herald.Fakes.Vonage;

/// <summary>
/// Vonage's SMS API: <c>POST /sms/json</c> (form with <c>api_key</c>/<c>api_secret</c>), always
/// HTTP 200 with a per-message <c>status</c> ("0" sent; "1" throttled, for
/// <see cref="FakeBehaviour.TooManyRequestsRate"/>; "2" missing parameter; "4" bad credentials;
/// refused recipients as configured), and delivery receipts to the request's
/// <c>callback</c> (or the account's URL), form-encoded: <c>messageId</c>, <c>status</c>,
/// <c>err-code</c>, <c>client-ref</c>...
/// </summary>
internal sealed class VonageFake(ProviderFake fake, ReceiptSender receipts, FakeOptions options) : IReceiptFormat
{
    public void Map(WebApplication app) =>
        app.MapPost("/sms/json", FakeEndpoint.Handle(fake, Error, Send));

    private IResult Send(HttpContext context, FakeRequest request, FakeBehaviour behaviour)
    {
        var form = request.Form;
        if (form.GetValueOrDefault("api_key") != options.VonageApiKey || form.GetValueOrDefault("api_secret") != options.VonageApiSecret)
        {
            return Refused("4", "Bad Credentials");
        }

        foreach (var required in (string[])["from", "to", "text"])
        {
            if (form.GetValueOrDefault(required, "").Length == 0)
            {
                return Refused("2", $"Missing {required} param");
            }
        }

        var to = form["to"];
        var from = form["from"];
        if (!IsSender(from))
        {
            return Refused("15", "Invalid Sender Address");
        }

        if (behaviour.IsRejected(to))
        {
            var status = behaviour.RejectionCode ?? "3";
            return Refused(status, status switch
            {
                "6" => "Unroutable message - rejected",
                "7" => "Number barred",
                "29" => "Non-Whitelisted Destination",
                _ => "Invalid to address",
            });
        }

        // A long text goes as several messages, each with its own message-id and delivery receipts.
        var parts = Split(form["text"], form.GetValueOrDefault("type") == "unicode");
        var sent = new List<Dictionary<string, string>>(parts.Count);
        for (var i = 0; i < parts.Count; i++)
        {
            var message = new FakeMessage
            {
                Provider = fake.Name,
                Id = fake.Random.Hex(16),
                To = to,
                From = from,
                Body = parts[i],
                Part = i + 1,
                Parts = parts.Count,
                CallbackUrl = form.GetValueOrDefault("callback"),
                ClientReference = form.GetValueOrDefault("client-ref"),
                AcceptedAt = fake.Time.GetUtcNow(),
            };
            fake.Accept(message);
            receipts.Schedule(fake, this, message, behaviour);
            var part = new Dictionary<string, string>
            {
                ["to"] = to,
                ["message-id"] = message.Id,
                ["status"] = "0",
                ["remaining-balance"] = "10.00000000",
                ["message-price"] = "0.03330000",
                ["network"] = "23410",
            };
            if (message.ClientReference is { } clientRef)
            {
                part["client-ref"] = clientRef;
            }

            sent.Add(part);
        }

        return Json(200, new Dictionary<string, object> { ["message-count"] = sent.Count.ToString(CultureInfo.InvariantCulture), ["messages"] = sent });
    }

    /// <summary>
    /// What the SMS API takes as <c>from</c>: an alphanumeric sender id (up to 11 characters, at
    /// least one letter), a short code, or a number in E.164 without the plus (<c>447700900500</c>).
    /// A national-format number (<c>07700900500</c>) is refused with status 15.
    /// </summary>
    internal static bool IsSender(string from) =>
        from.Any(char.IsAsciiLetter)
            ? from.Length <= 11 && from.All(c => char.IsAsciiLetterOrDigit(c) || c == ' ')
            : from.All(char.IsAsciiDigit) && (from.Length <= 6 || (from.Length <= 15 && from[0] != '0'));

    /// <summary>
    /// Vonage's concatenation: 160 GSM characters fit one SMS, 70 with <c>type=unicode</c>; a longer
    /// text goes in parts of 153 (67), the rest of each SMS carrying the concatenation header. GSM's
    /// extension characters take two places and are never split from their escape.
    /// </summary>
    internal static IReadOnlyList<string> Split(string text, bool unicode)
    {
        var (single, part) = unicode ? (70, 67) : (160, 153);
        int Size(char c) => unicode ? 1 : GsmExtension.Contains(c, StringComparison.Ordinal) ? 2 : 1;
        if (text.Sum(Size) <= single)
        {
            return [text];
        }

        var parts = new List<string>();
        var start = 0;
        var used = 0;
        for (var i = 0; i < text.Length; i++)
        {
            var size = char.IsHighSurrogate(text[i]) ? 2 : Size(text[i]);
            if (used + size > part)
            {
                parts.Add(text[start..i]);
                (start, used) = (i, 0);
            }

            used += size;
            if (char.IsHighSurrogate(text[i]))
            {
                i++;
            }
        }

        parts.Add(text[start..]);
        return parts;
    }

    private const string GsmExtension = "^{}\\[~]|\u20ac\f";

    public IReadOnlyList<string> Statuses(string finalStatus) => finalStatus is "accepted" or "buffered" ? [finalStatus] : ["accepted", finalStatus];

    public void Reached(FakeMessage message, string status)
    {
    }

    public HttpRequestMessage Build(FakeMessage message, string status, string reference, string url)
    {
        var now = fake.Time.GetUtcNow();
        var form = new Dictionary<string, string>
        {
            ["msisdn"] = message.To,
            ["to"] = message.From,
            ["network-code"] = "23410",
            ["messageId"] = reference,
            ["price"] = "0.03330000",
            ["status"] = status,
            ["scts"] = now.ToString("yyMMddHHmm", CultureInfo.InvariantCulture),
            ["err-code"] = status switch
            {
                "delivered" or "accepted" or "buffered" => "0",
                "expired" => "2",
                "rejected" => "6",
                _ => "3",
            },
            ["api-key"] = options.VonageApiKey,
            ["message-timestamp"] = now.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture),
        };
        if (message.ClientReference is { } clientRef)
        {
            form["client-ref"] = clientRef;
        }

        return new HttpRequestMessage(HttpMethod.Post, url) { Content = new FormUrlEncodedContent(form) };
    }

    private static IResult Refused(string status, string text) => Json(200, new Dictionary<string, object>
    {
        ["message-count"] = "1",
        ["messages"] = new[] { new Dictionary<string, string> { ["status"] = status, ["error-text"] = text } },
    });

    // The SMS API says it is throttling with status "1" in a 200, so that is what TooManyRequestsRate
    // answers here; a 5xx is the HTTP layer failing.
    private static IResult Error(int status) => status switch
    {
        429 => Refused("1", "Throttled"),
        401 => Refused("4", "Bad Credentials"),
        _ => Json(status, new Dictionary<string, object> { ["type"] = "https://developer.vonage.com/api-errors#internal-error", ["title"] = "Internal Error" }),
    };

    private static IResult Json(int status, object body) => Results.Content(JsonSerializer.Serialize(body), "application/json", statusCode: status);
}
