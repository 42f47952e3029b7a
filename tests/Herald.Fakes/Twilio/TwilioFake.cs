using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Herald.Fakes.Twilio;

/// <summary>
/// Twilio's Programmable Messaging API as far as Herald uses it: <c>POST
/// /2010-04-01/Accounts/{AccountSid}/Messages.json</c> (form, basic auth), answered 201 with the
/// message resource or with Twilio's error JSON (<c>code</c>, <c>message</c>, <c>more_info</c>,
/// <c>status</c>); status callbacks to the message's <c>StatusCallback</c>, form-encoded and signed
/// with <c>X-Twilio-Signature</c>.
/// </summary>
internal sealed class TwilioFake(ProviderFake fake, ReceiptSender receipts, FakeOptions options) : IReceiptFormat
{
    public void Map(WebApplication app) =>
        app.MapPost("/2010-04-01/Accounts/{sid}/Messages.json", FakeEndpoint.Handle(fake, Error, Send));

    private IResult Send(HttpContext context, FakeRequest request, FakeBehaviour behaviour)
    {
        var sid = context.GetRouteValue("sid") as string;
        var expected = "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes($"{options.TwilioAccountSid}:{options.TwilioAuthToken}"));
        if (sid != options.TwilioAccountSid || request.Authorization != expected)
        {
            return Error(401);
        }

        var form = request.Form;
        var to = form.GetValueOrDefault("To", "");
        var from = form.GetValueOrDefault("From", form.GetValueOrDefault("MessagingServiceSid", ""));
        var body = form.GetValueOrDefault("Body", "");
        if (to.Length == 0)
        {
            return ErrorJson(400, 21604, "A 'To' phone number is required.");
        }

        if (from.Length == 0)
        {
            return ErrorJson(400, 21603, "A 'From' phone number is required.");
        }

        if (!form.ContainsKey("MessagingServiceSid") && !IsSender(from))
        {
            return ErrorJson(400, 21212, $"The 'From' number {from} is not a valid phone number, shortcode, or alphanumeric sender ID.");
        }

        if (body.Length == 0 && !form.ContainsKey("MediaUrl"))
        {
            return ErrorJson(400, 21602, "Message body is required.");
        }

        if (behaviour.IsRejected(to))
        {
            var code = int.Parse(behaviour.RejectionCode ?? "21211", CultureInfo.InvariantCulture);
            return ErrorJson(400, code, code == 21211 ? $"The 'To' number {to} is not a valid phone number." : $"Message to {to} refused.");
        }

        var now = fake.Time.GetUtcNow();
        var message = new FakeMessage
        {
            Provider = fake.Name,
            Id = "SM" + fake.Random.Hex(32).ToLowerInvariant(),
            To = to,
            From = from,
            Body = body,
            CallbackUrl = form.GetValueOrDefault("StatusCallback"),
            AcceptedAt = now,
            Status = "queued",
        };
        fake.Accept(message);
        receipts.Schedule(fake, this, message, behaviour);
        var date = now.ToString("r", CultureInfo.InvariantCulture).Replace("GMT", "+0000", StringComparison.Ordinal);
        var uri = $"/2010-04-01/Accounts/{options.TwilioAccountSid}/Messages/{message.Id}.json";
        return Results.Json(new Dictionary<string, object?>
        {
            ["account_sid"] = options.TwilioAccountSid,
            ["api_version"] = "2010-04-01",
            ["body"] = body,
            ["date_created"] = date,
            ["date_sent"] = null,
            ["date_updated"] = date,
            ["direction"] = "outbound-api",
            ["error_code"] = null,
            ["error_message"] = null,
            ["from"] = from,
            ["messaging_service_sid"] = form.GetValueOrDefault("MessagingServiceSid"),
            ["num_media"] = "0",
            ["num_segments"] = "1",
            ["price"] = null,
            ["price_unit"] = "USD",
            ["sid"] = message.Id,
            ["status"] = "queued",
            ["subresource_uris"] = new Dictionary<string, string> { ["media"] = uri.Replace(".json", "/Media.json", StringComparison.Ordinal) },
            ["to"] = to,
            ["uri"] = uri,
        }, statusCode: 201);
    }

    /// <summary>
    /// What Twilio takes as a <c>From</c>: a phone number in E.164 (<c>+</c> and up to 15 digits), a
    /// short code (digits, 6 at most here), or an alphanumeric sender id (up to 11 letters, digits
    /// and spaces, at least one letter). A national-format number such as <c>07700900500</c> is none.
    /// </summary>
    internal static bool IsSender(string from) =>
        (from.Length is >= 3 and <= 16 && from[0] == '+' && from[1] != '0' && from[1..].All(char.IsAsciiDigit))
        || (from.Length is >= 3 and <= 6 && from.All(char.IsAsciiDigit))
        || (from.Length <= 11 && from.Any(char.IsAsciiLetter) && from.All(c => char.IsAsciiLetterOrDigit(c) || c == ' '));

    public IReadOnlyList<string> Statuses(string finalStatus) => finalStatus switch
    {
        "failed" or "queued" or "sent" => [finalStatus],
        _ => ["sent", finalStatus],
    };

    public void Reached(FakeMessage message, string status)
    {
    }

    public HttpRequestMessage Build(FakeMessage message, string status, string reference, string url)
    {
        var form = new List<KeyValuePair<string, string>>
        {
            new("AccountSid", options.TwilioAccountSid),
            new("ApiVersion", "2010-04-01"),
            new("From", message.From),
            new("MessageSid", reference),
            new("MessageStatus", status),
            new("SmsSid", reference),
            new("SmsStatus", status),
            new("To", message.To),
        };
        if (ErrorCode(status) is { } code)
        {
            form.Add(new("ErrorCode", code));
        }

        var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new FormUrlEncodedContent(form) };
        request.Headers.Add("X-Twilio-Signature", Signature(options.TwilioAuthToken, url, form));
        request.Headers.Add("I-Twilio-Idempotency-Token", Guid.NewGuid().ToString());
        return request;
    }

    /// <summary>Twilio's webhook signature: base64 HMAC-SHA1 (key: auth token) of the URL, then each parameter's name and value sorted by name.</summary>
    public static string Signature(string authToken, string url, IEnumerable<KeyValuePair<string, string>> form)
    {
        var data = new StringBuilder(url);
        foreach (var (name, value) in form.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            data.Append(name).Append(value);
        }

        return Convert.ToBase64String(HMACSHA1.HashData(Encoding.UTF8.GetBytes(authToken), Encoding.UTF8.GetBytes(data.ToString())));
    }

    // 30003 unreachable destination handset, 30008 unknown error.
    private static string? ErrorCode(string status) => status switch
    {
        "undelivered" => "30003",
        "failed" => "30008",
        _ => null,
    };

    private static IResult Error(int status) => status switch
    {
        401 => ErrorJson(401, 20003, "Authenticate"),
        404 => ErrorJson(404, 20404, "The requested resource was not found"),
        429 => ErrorJson(429, 20429, "Too Many Requests"),
        503 => ErrorJson(503, 20503, "Service Unavailable"),
        504 => ErrorJson(504, 20504, "Gateway Timeout"),
        >= 500 => ErrorJson(status, 20500, "Internal Server Error"),
        _ => ErrorJson(status, 21211, "Invalid 'To' Phone Number"),
    };

    private static IResult ErrorJson(int status, int code, string message) =>
        Results.Content(JsonSerializer.Serialize(new Dictionary<string, object>
        {
            ["code"] = code,
            ["message"] = message,
            ["more_info"] = $"https://www.twilio.com/docs/errors/{code.ToString(CultureInfo.InvariantCulture)}",
            ["status"] = status,
        }), "application/json", statusCode: status);
}
