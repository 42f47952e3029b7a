using System.Globalization;
using System.Net.Mail;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Herald.Fakes.Mailgun;

/// <summary>
/// Mailgun's messages API (<c>POST /v3/{domain}/messages</c>, form or multipart, basic auth
/// <c>api:KEY</c>, answered <c>{"id":"&lt;...&gt;","message":"Queued. Thank you."}</c>), its events
/// API (<see cref="MailgunEventLog"/>), and signed webhooks to the behaviour's receipt URL:
/// <c>{"signature": {timestamp, token, signature}, "event-data": {...}}</c>.
/// </summary>
internal sealed class MailgunFake(ProviderFake fake, ReceiptSender receipts, FakeOptions options) : IReceiptFormat
{
    private readonly MailgunEventLog _events = new(fake.Time);

    public void Map(WebApplication app)
    {
        app.MapPost("/v3/{domain}/messages", FakeEndpoint.Handle(fake, Error, Send));
        app.MapGet("/v3/{domain}/events", FakeEndpoint.Handle(fake, Error, (context, request, _) => Events(context, request, null)));
        app.MapGet("/v3/{domain}/events/{page}", FakeEndpoint.Handle(fake, Error, (context, request, _) => Events(context, request, context.GetRouteValue("page") as string)));
    }

    public void Reset() => _events.Clear();

    /// <summary>An event about a message Herald sent, at a time of the test's choosing, stored (visible to the events API) after <paramref name="storedAfter"/>.</summary>
    public void AddEvent(string name, string messageId, string recipient, string notificationId, DateTimeOffset at, TimeSpan storedAfter, string? eventId, string? severity)
    {
        var data = new JsonObject
        {
            ["id"] = eventId ?? fake.Random.Hex(22),
            ["event"] = name,
            ["recipient"] = recipient,
            ["message"] = new JsonObject { ["headers"] = new JsonObject { ["message-id"] = messageId } },
            ["user-variables"] = new JsonObject { ["notification_id"] = notificationId },
        };
        if (name == "failed")
        {
            var permanent = severity != "temporary";
            data["severity"] = permanent ? "permanent" : "temporary";
            data["delivery-status"] = new JsonObject { ["code"] = permanent ? 550 : 452, ["message"] = permanent ? "5.1.1 No such mailbox" : "4.2.2 Mailbox full" };
        }

        _events.AddAt(name, recipient, messageId, data, at, at + storedAfter);
    }

    private IResult Events(HttpContext context, FakeRequest request, string? page)
    {
        if (!Authorised(request))
        {
            return Error(401);
        }

        var domain = (string)context.GetRouteValue("domain")!;
        return _events.Page($"{context.Request.Scheme}://{context.Request.Host}/v3/{domain}/events", context.Request.Query, page);
    }

    private IResult Send(HttpContext context, FakeRequest request, FakeBehaviour behaviour)
    {
        if (!Authorised(request))
        {
            return Error(401);
        }

        var domain = (string)context.GetRouteValue("domain")!;
        var form = request.Form;
        foreach (var required in (string[])["from", "to", "subject"])
        {
            if (form.GetValueOrDefault(required, "").Length == 0)
            {
                return Message(400, $"{required} parameter is missing");
            }
        }

        if (!form.ContainsKey("text") && !form.ContainsKey("html") && !form.ContainsKey("template"))
        {
            return Message(400, "Need at least one of 'text', 'html', 'amp-html' or 'template' parameters specified");
        }

        var recipients = new List<string>();
        foreach (var to in form["to"].Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (!MailAddress.TryCreate(to, out var address) || behaviour.IsRejected(address.Address))
            {
                return Message(400, "'to' parameter is not a valid address. please check documentation");
            }

            recipients.Add(address.Address);
        }

        if (recipients.Count > 1000)
        {
            return Message(400, "Too many recipients (max 1000)");
        }

        var now = fake.Time.GetUtcNow();
        var id = form.GetValueOrDefault("h:Message-Id")?.Trim().Trim('<', '>') is { Length: > 0 } given
            ? given
            : $"{now.ToString("yyyyMMddHHmmss", CultureInfo.InvariantCulture)}.{fake.Random.Hex(16).ToLowerInvariant()}@{domain}";
        var variables = form.Where(f => f.Key.StartsWith("v:", StringComparison.Ordinal)).ToDictionary(f => f.Key[2..], f => f.Value, StringComparer.Ordinal);
        foreach (var recipient in recipients)
        {
            var message = new FakeMessage
            {
                Provider = fake.Name,
                Id = id,
                To = recipient,
                From = form["from"],
                Body = form.GetValueOrDefault("text") ?? form.GetValueOrDefault("html", ""),
                Variables = variables,
                AcceptedAt = now,
            };
            fake.Accept(message);
            _events.Add("accepted", recipient, id, EventData(message, "accepted", id, form.GetValueOrDefault("subject", "")));
            receipts.Schedule(fake, this, message, behaviour);
        }

        return Results.Json(new { id = $"<{id}>", message = "Queued. Thank you." });
    }

    public IReadOnlyList<string> Statuses(string finalStatus) => finalStatus switch
    {
        "failed" => ["failed:permanent"],
        "opened" or "clicked" or "complained" or "unsubscribed" => ["delivered", finalStatus],
        _ => [finalStatus],
    };

    public void Reached(FakeMessage message, string status) =>
        _events.Add(EventName(status), message.To, message.Id, EventData(message, status, message.Id, null));

    public HttpRequestMessage Build(FakeMessage message, string status, string reference, string url)
    {
        var timestamp = fake.Time.GetUtcNow().ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        var token = fake.Random.Hex(50).ToLowerInvariant();
        var body = new JsonObject
        {
            ["signature"] = new JsonObject
            {
                ["timestamp"] = timestamp,
                ["token"] = token,
                ["signature"] = Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(options.MailgunSigningKey), Encoding.UTF8.GetBytes(timestamp + token))),
            },
            ["event-data"] = EventData(message, status, reference, null),
        };
        return new HttpRequestMessage(HttpMethod.Post, url) { Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json") };
    }

    private JsonObject EventData(FakeMessage message, string status, string messageId, string? subject)
    {
        var name = EventName(status);
        var headers = new JsonObject { ["message-id"] = messageId, ["from"] = message.From, ["to"] = message.To };
        if (subject is not null)
        {
            headers["subject"] = subject;
        }

        var data = new JsonObject
        {
            ["id"] = fake.Random.Hex(22),
            ["timestamp"] = Timestamp(fake.Time.GetUtcNow()),
            ["log-level"] = name switch { "failed" => status == "failed:temporary" ? "warn" : "error", "complained" => "warn", _ => "info" },
            ["event"] = name,
            ["recipient"] = message.To,
            ["recipient-domain"] = message.To[(message.To.IndexOf('@', StringComparison.Ordinal) + 1)..],
            ["message"] = new JsonObject { ["headers"] = headers, ["size"] = message.Body.Length },
            ["user-variables"] = JsonSerializer.SerializeToNode(message.Variables),
            ["tags"] = new JsonArray(),
            ["envelope"] = new JsonObject { ["sender"] = message.From, ["targets"] = message.To, ["transport"] = "smtp" },
            ["flags"] = new JsonObject { ["is-authenticated"] = true, ["is-test-mode"] = false },
        };
        switch (status)
        {
            case "delivered":
                data["delivery-status"] = new JsonObject { ["code"] = 250, ["message"] = "OK", ["description"] = "", ["attempt-no"] = 1 };
                break;
            case "failed:permanent" or "failed:temporary":
                var permanent = status == "failed:permanent";
                data["severity"] = permanent ? "permanent" : "temporary";
                data["reason"] = permanent ? "bounce" : "generic";
                data["delivery-status"] = new JsonObject
                {
                    ["code"] = permanent ? 550 : 452,
                    ["message"] = permanent ? "5.1.1 The email account that you tried to reach does not exist." : "4.2.2 Mailbox full",
                    ["description"] = "",
                    ["attempt-no"] = 1,
                };
                break;
        }

        return data;
    }

    private static string EventName(string status) => status.StartsWith("failed", StringComparison.Ordinal) ? "failed" : status;

    private static double Timestamp(DateTimeOffset at) => at.ToUnixTimeMilliseconds() / 1000.0;

    private bool Authorised(FakeRequest request) =>
        request.Authorization == "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes($"api:{options.MailgunApiKey}"));

    private static IResult Error(int status) => status switch
    {
        401 => Results.Text("Forbidden", "text/plain", statusCode: 401),
        429 => Message(429, "Too many requests"),
        _ => Message(status, status >= 500 ? "Internal Server Error" : "Bad Request"),
    };

    private static IResult Message(int status, string message) => Results.Json(new { message }, statusCode: status);
}
