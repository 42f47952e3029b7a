using System.Text.Json.Nodes;
using static Herald.Tests.Corpus.CorpusKind;

namespace Herald.Tests.Corpus;

/// <summary>
/// The bad-input corpus's routes: every route under <see cref="Prefixes"/> must be listed here
/// (<c>CorpusCoverageTests</c> fails otherwise), with a request that passes and the values its
/// probes spoil. A new route joins by one entry.
/// </summary>
public static class CorpusRoutes
{
    public static readonly string[] Prefixes = ["/v2", "/admin/api", "/receipts/", "/inbound/"];

    private static readonly CorpusValue ServiceIdPath = new("id", Uuid);

    private static Dictionary<string, string> ServicePath(CorpusWorld w) => new() { ["id"] = w.Service.Id.ToString() };

    private static Dictionary<string, string> JobPath(CorpusWorld w) => new() { ["id"] = w.Service.Id.ToString(), ["jobId"] = w.JobId.ToString() };

    private static readonly CorpusValue UserIdPath = new("id", Uuid);

    private static Dictionary<string, string> UserPath(CorpusWorld w) => new() { ["id"] = w.UserId.ToString() };

    private static string Unique(string prefix) => $"{prefix} {Guid.NewGuid().ToString("N")[..8]}";

    public static readonly CorpusRoute[] All =
    [
        // /v2: GOV.UK Notify's API.
        new("POST", "/v2/notifications/email", CorpusAuth.NotifyKey)
        {
            Json = w => new JsonObject
            {
                ["email_address"] = "corpus@example.org", ["template_id"] = w.Service.EmailTemplateId.ToString(),
                ["personalisation"] = new JsonObject { ["name"] = "Ada", ["code"] = "1234" },
                ["reference"] = "corpus", ["one_click_unsubscribe_url"] = "https://example.org/unsubscribe",
            },
            Fields =
            [
                new("email_address", Text), new("template_id", Uuid), new("personalisation", Map, Optional: true),
                new("personalisation.name", Any), new("reference", Text, Optional: true), new("one_click_unsubscribe_url", Text, Optional: true),
                new("email_reply_to_id", Uuid, Optional: true),
            ],
        },
        new("POST", "/v2/notifications/sms", CorpusAuth.NotifyKey)
        {
            Json = w => new JsonObject
            {
                ["phone_number"] = "07700900123", ["template_id"] = w.Service.SmsTemplateId.ToString(),
                ["personalisation"] = new JsonObject { ["code"] = "1234" }, ["reference"] = "corpus",
            },
            Fields =
            [
                new("phone_number", Text), new("template_id", Uuid), new("personalisation", Map, Optional: true),
                new("personalisation.code", Any), new("reference", Text, Optional: true), new("sms_sender_id", Uuid, Optional: true),
            ],
        },
        new("POST", "/v2/notifications/letter", CorpusAuth.NotifyKey)
        {
            Json = w => new JsonObject
            {
                ["template_id"] = w.Service.EmailTemplateId.ToString(),
                ["personalisation"] = new JsonObject { ["address_line_1"] = "A", ["address_line_2"] = "B", ["postcode"] = "SW1A 1AA" },
            },
            Fields = [new("template_id", Uuid), new("personalisation", Map)],
        },
        new("POST", "/v2/notifications/bulk", CorpusAuth.NotifyKey)
        {
            Json = w => new JsonObject
            {
                ["template_id"] = w.Service.EmailTemplateId.ToString(), ["name"] = "probe",
                ["rows"] = new JsonArray(new JsonArray("email address", "name", "code"), new JsonArray("probe@example.org", "Probe", "1")),
                ["scheduled_for"] = TimeProvider.System.GetUtcNow().AddDays(1).ToString("O", System.Globalization.CultureInfo.InvariantCulture),
                ["reference"] = "corpus",
            },
            Fields =
            [
                new("template_id", Uuid), new("name", Text), new("rows", Sequence), new("rows.1", Sequence), new("csv", LongText, Optional: true),
                new("scheduled_for", Text, Optional: true), new("reference", Text, Optional: true), new("reply_to_id", Uuid, Optional: true),
            ],
        },
        new("GET", "/v2/notifications/{id}", CorpusAuth.NotifyKey)
        {
            PathValues = w => new Dictionary<string, string> { ["id"] = w.NotificationId.ToString() },
            Path = [new("id", Uuid)],
        },
        new("GET", "/v2/notifications/{id}/pdf", CorpusAuth.NotifyKey)
        {
            PathValues = w => new Dictionary<string, string> { ["id"] = w.NotificationId.ToString() },
            Path = [new("id", Uuid)],
        },
        new("GET", "/v2/notifications", CorpusAuth.NotifyKey)
        {
            QueryValues = w => new Dictionary<string, string>
            {
                ["template_type"] = "email", ["status"] = "created", ["reference"] = "corpus", ["older_than"] = w.NotificationId.ToString(),
            },
            Query = [new("template_type", Word, Optional: true), new("status", Word, Optional: true), new("reference", Text, Optional: true), new("older_than", Uuid, Optional: true)],
            RefusesUnknownQuery = true,
        },
        new("GET", "/v2/template/{id}", CorpusAuth.NotifyKey)
        {
            PathValues = w => new Dictionary<string, string> { ["id"] = w.Service.EmailTemplateId.ToString() },
            Path = [new("id", Uuid)],
        },
        new("GET", "/v2/template/{id}/version/{version}", CorpusAuth.NotifyKey)
        {
            PathValues = w => new Dictionary<string, string> { ["id"] = w.Service.EmailTemplateId.ToString(), ["version"] = "1" },
            Path = [new("id", Uuid), new("version", Integer)],
        },
        new("GET", "/v2/templates", CorpusAuth.NotifyKey)
        {
            QueryValues = _ => new Dictionary<string, string> { ["type"] = "email" },
            Query = [new("type", Word, Optional: true)],
        },
        new("POST", "/v2/template/{id}/preview", CorpusAuth.NotifyKey)
        {
            PathValues = w => new Dictionary<string, string> { ["id"] = w.Service.EmailTemplateId.ToString() },
            Path = [new("id", Uuid)],
            Json = _ => new JsonObject { ["personalisation"] = new JsonObject { ["name"] = "Ada", ["code"] = "1234" } },
            Fields = [new("personalisation", Map), new("personalisation.name", Any)],
        },
        new("GET", "/v2/received-text-messages", CorpusAuth.NotifyKey)
        {
            QueryValues = w => new Dictionary<string, string> { ["older_than"] = w.NotificationId.ToString() },
            Query = [new("older_than", Uuid, Optional: true)],
        },

        // /v2/push: events, receipts, a user's pushers and feed.
        new("POST", "/v2/push/events", CorpusAuth.NotifyKey)
        {
            Json = _ => new JsonObject
            {
                ["room_id"] = CorpusWorld.PushRoom, ["event_id"] = "$" + Guid.NewGuid().ToString("N"), ["type"] = "m.room.message",
                ["sender"] = "@sender:example.org", ["sender_display_name"] = "Sender", ["room_name"] = "Corpus",
                ["content"] = new JsonObject { ["body"] = "hello" },
                ["recipients"] = new JsonArray(new JsonObject { ["user_id"] = CorpusWorld.PushUser, ["highlight"] = true, ["notify"] = true, ["tweaks"] = new JsonObject() }),
            },
            Fields =
            [
                new("room_id", Text), new("event_id", Text, Optional: true), new("type", Text), new("sender", Text),
                new("sender_display_name", Text, Optional: true), new("room_name", Text, Optional: true),
                new("content", Map), new("content.body", Any), new("recipients", Sequence), new("recipients.0", Map),
                new("recipients.0.user_id", Text), new("recipients.0.highlight", Bool, Optional: true),
                new("recipients.0.notify", Bool, Optional: true), new("recipients.0.tweaks", Map, Optional: true),
            ],
        },
        new("POST", "/v2/push/users/{user}/receipts", CorpusAuth.NotifyKey)
        {
            PathValues = _ => new Dictionary<string, string> { ["user"] = CorpusWorld.PushUser },
            Path = [new("user", Text)],
            Json = w => new JsonObject { ["room_id"] = CorpusWorld.PushRoom, ["event_id"] = w.PushEventId },
            Fields = [new("room_id", Text), new("event_id", Text)],
        },
        new("GET", "/v2/push/users/{user}/pushers", CorpusAuth.NotifyKey)
        {
            PathValues = _ => new Dictionary<string, string> { ["user"] = CorpusWorld.PushUser },
            Path = [new("user", Text)],
        },
        new("POST", "/v2/push/users/{user}/pushers", CorpusAuth.NotifyKey)
        {
            PathValues = _ => new Dictionary<string, string> { ["user"] = CorpusWorld.PushUser },
            Path = [new("user", Text)],
            Json = _ => new JsonObject
            {
                ["kind"] = "http", ["app_id"] = CorpusWorld.PushAppId, ["pushkey"] = "key-" + Guid.NewGuid().ToString("N"),
                ["app_display_name"] = "Corpus", ["device_display_name"] = "Phone", ["lang"] = "en",
                ["data"] = new JsonObject { ["url"] = "http://127.0.0.1:9/_matrix/push/v1/notify" },
            },
            Fields =
            [
                new("kind", Word), new("app_id", Text), new("pushkey", Text), new("app_display_name", Text, Optional: true),
                new("device_display_name", Text, Optional: true), new("lang", Text, Optional: true), new("data", Map), new("data.url", Text),
            ],
        },
        new("DELETE", "/v2/push/users/{user}/pushers", CorpusAuth.NotifyKey)
        {
            PathValues = _ => new Dictionary<string, string> { ["user"] = CorpusWorld.PushUser },
            Path = [new("user", Text)],
            QueryValues = _ => new Dictionary<string, string> { ["app_id"] = CorpusWorld.PushAppId, ["pushkey"] = "no-such-pushkey" },
            Query = [new("app_id", Text), new("pushkey", Text)],
        },
        new("GET", "/v2/push/users/{user}/notifications", CorpusAuth.NotifyKey)
        {
            PathValues = _ => new Dictionary<string, string> { ["user"] = CorpusWorld.PushUser },
            Path = [new("user", Text)],
            QueryValues = _ => new Dictionary<string, string> { ["from"] = "1", ["limit"] = "10", ["only"] = "highlight" },
            Query = [new("from", Integer, Optional: true), new("limit", Integer, Optional: true), new("only", Word, Optional: true)],
        },

        // /admin/api: services, templates, callbacks, providers, the dev inbox and the queue.
        new("POST", "/admin/api/services", CorpusAuth.AdminToken)
        {
            Json = _ => new JsonObject
            {
                ["name"] = Unique("Probe"), ["restricted"] = true, ["email_from"] = "probe", ["sms_sender"] = "Probe",
                ["rate_limit"] = 100, ["email_daily_limit"] = 100, ["sms_daily_limit"] = 100, ["international_sms_daily_limit"] = 10,
                ["allow_international_sms"] = false, ["allow_sms_to_landlines"] = false, ["sms_prefix"] = true,
            },
            Fields =
            [
                new("name", Text), new("restricted", Bool, Optional: true), new("email_from", Text, Optional: true), new("sms_sender", Text, Optional: true),
                new("rate_limit", Integer, Optional: true), new("email_daily_limit", Integer, Optional: true), new("sms_daily_limit", Integer, Optional: true),
                new("international_sms_daily_limit", Integer, Optional: true), new("allow_international_sms", Bool, Optional: true),
                new("allow_sms_to_landlines", Bool, Optional: true), new("sms_prefix", Bool, Optional: true),
            ],
        },
        new("GET", "/admin/api/services", CorpusAuth.AdminToken),
        new("GET", "/admin/api/services/{id}", CorpusAuth.AdminToken) { PathValues = ServicePath, Path = [ServiceIdPath] },
        new("PATCH", "/admin/api/services/{id}", CorpusAuth.AdminToken)
        {
            PathValues = ServicePath, Path = [ServiceIdPath],
            // The world's own settings, so that probing them changes nothing the other routes rely on.
            Json = w => new JsonObject
            {
                ["name"] = w.Service.Name, ["restricted"] = false, ["email_from"] = "probe@example.org", ["sms_sender"] = CorpusWorld.SmsSender,
                ["rate_limit"] = 100_000, ["email_daily_limit"] = 250000, ["sms_daily_limit"] = 250000, ["international_sms_daily_limit"] = 100,
                ["allow_international_sms"] = false, ["allow_sms_to_landlines"] = false, ["sms_prefix"] = true,
            },
            Fields =
            [
                new("name", Text, Optional: true), new("restricted", Bool, Optional: true), new("email_from", Text, Optional: true), new("sms_sender", Text, Optional: true),
                new("rate_limit", Integer, Optional: true), new("email_daily_limit", Integer, Optional: true), new("sms_daily_limit", Integer, Optional: true),
                new("international_sms_daily_limit", Integer, Optional: true), new("allow_international_sms", Bool, Optional: true),
                new("allow_sms_to_landlines", Bool, Optional: true), new("sms_prefix", Bool, Optional: true),
            ],
        },
        new("POST", "/admin/api/services/{id}/members", CorpusAuth.AdminToken)
        {
            PathValues = ServicePath, Path = [ServiceIdPath],
            Json = _ => new JsonObject { ["email_address"] = $"member-{Guid.NewGuid():N}@example.org" },
            Fields = [new("email_address", Text, Optional: true), new("phone_number", Text, Optional: true)],
        },
        new("POST", "/admin/api/services/{id}/guest-list", CorpusAuth.AdminToken)
        {
            PathValues = ServicePath, Path = [ServiceIdPath],
            Json = _ => new JsonObject { ["phone_number"] = "07700900456" },
            Fields = [new("email_address", Text, Optional: true), new("phone_number", Text, Optional: true)],
        },
        new("POST", "/admin/api/services/{id}/api-keys", CorpusAuth.AdminToken)
        {
            PathValues = ServicePath, Path = [ServiceIdPath],
            Json = _ => new JsonObject { ["name"] = Unique("key"), ["key_type"] = "team" },
            Fields = [new("name", Text), new("key_type", Word)],
        },
        new("DELETE", "/admin/api/services/{id}/api-keys/{keyId}", CorpusAuth.AdminToken)
        {
            PathValues = w => new Dictionary<string, string> { ["id"] = w.Service.Id.ToString(), ["keyId"] = w.RevokedKeyId.ToString() },
            Path = [ServiceIdPath, new("keyId", Uuid)],
        },
        new("POST", "/admin/api/services/{id}/templates", CorpusAuth.AdminToken)
        {
            PathValues = ServicePath, Path = [ServiceIdPath],
            Json = _ => new JsonObject { ["name"] = Unique("Template"), ["type"] = "email", ["subject"] = "Hello ((name))", ["body"] = "Body ((name))" },
            Fields = [new("name", Text), new("type", Word), new("subject", LongText, Optional: true), new("body", LongText)],
        },
        new("PUT", "/admin/api/services/{id}/templates/{templateId}", CorpusAuth.AdminToken)
        {
            PathValues = w => new Dictionary<string, string> { ["id"] = w.Service.Id.ToString(), ["templateId"] = w.Service.EmailTemplateId.ToString() },
            Path = [ServiceIdPath, new("templateId", Uuid)],
            Json = _ => new JsonObject { ["name"] = "Email", ["subject"] = "Code for ((name))", ["body"] = "Hello ((name)),\n\nYour code is ((code))." },
            Fields = [new("name", Text, Optional: true), new("subject", LongText, Optional: true), new("body", LongText, Optional: true)],
        },
        new("GET", "/admin/api/services/{id}/templates", CorpusAuth.AdminToken) { PathValues = ServicePath, Path = [ServiceIdPath] },
        new("PUT", "/admin/api/services/{id}/callbacks/{kind}", CorpusAuth.AdminToken)
        {
            PathValues = w => new Dictionary<string, string> { ["id"] = w.Service.Id.ToString(), ["kind"] = "delivery_status" },
            Path = [ServiceIdPath, new("kind", Word)],
            Json = _ => new JsonObject { ["url"] = "https://127.0.0.1:9/callback", ["bearer_token"] = "corpus-bearer-token" },
            Fields = [new("url", Text), new("bearer_token", LongText)],
        },
        new("GET", "/admin/api/providers", CorpusAuth.AdminToken),
        new("POST", "/admin/api/providers", CorpusAuth.AdminToken)
        {
            Json = _ => new JsonObject
            {
                ["channel"] = "email", ["type"] = "smtp", ["name"] = "probe-" + Guid.NewGuid().ToString("N")[..8], ["priority"] = 10, ["active"] = false,
                ["settings"] = new JsonObject { ["host"] = "smtp.example.org", ["port"] = 587, ["security"] = "starttls", ["from"] = "noreply@example.org" },
                ["changed_by"] = "corpus",
            },
            Fields =
            [
                new("channel", Word), new("type", Word), new("name", Text), new("priority", Integer, Optional: true), new("active", Bool, Optional: true),
                new("settings", Map), new("settings.host", LongText), new("settings.port", Integer), new("changed_by", LongText, Optional: true),
            ],
        },
        new("PUT", "/admin/api/providers/{id}", CorpusAuth.AdminToken)
        {
            PathValues = w => new Dictionary<string, string> { ["id"] = w.ProviderId.ToString() },
            Path = [new("id", Uuid)],
            Json = _ => new JsonObject { ["priority"] = 100, ["reason"] = "corpus", ["changed_by"] = "corpus" },
            Fields = [new("priority", Integer, Optional: true), new("active", Bool, Optional: true), new("settings", Map, Optional: true), new("reason", LongText), new("changed_by", LongText, Optional: true)],
        },
        new("GET", "/admin/api/providers/{id}/versions", CorpusAuth.AdminToken)
        {
            PathValues = w => new Dictionary<string, string> { ["id"] = w.ProviderId.ToString() },
            Path = [new("id", Uuid)],
        },
        new("GET", "/admin/api/inbox", CorpusAuth.AdminToken)
        {
            QueryValues = _ => new Dictionary<string, string> { ["to"] = "corpus@example.org", ["limit"] = "10" },
            Query = [new("to", Text, Optional: true), new("limit", Integer, Optional: true)],
        },
        new("GET", "/admin/api/queue", CorpusAuth.AdminToken),
        new("GET", "/admin/api/queue/dead", CorpusAuth.AdminToken)
        {
            QueryValues = _ => new Dictionary<string, string> { ["limit"] = "10" },
            Query = [new("limit", Integer, Optional: true)],
        },
        new("POST", "/admin/api/queue/dead/replay", CorpusAuth.AdminToken)
        {
            Json = _ => new JsonObject { ["ids"] = new JsonArray(987654321) },
            Fields = [new("ids", Sequence, Optional: true), new("ids.0", Integer), new("all", Bool, Optional: true)],
        },
        new("GET", "/admin/api/services/{id}/retention", CorpusAuth.AdminToken) { PathValues = ServicePath, Path = [ServiceIdPath] },
        new("POST", "/admin/api/retention/archive", CorpusAuth.AdminToken),
        new("PUT", "/admin/api/services/{id}/retention/{channel}", CorpusAuth.AdminToken)
        {
            PathValues = w => new Dictionary<string, string> { ["id"] = w.Service.Id.ToString(), ["channel"] = "sms" },
            Path = [ServiceIdPath, new("channel", Word)],
            Json = _ => new JsonObject { ["days"] = 7 },
            Fields = [new("days", Integer)],
        },
        new("GET", "/admin/api/services/{id}/notifications/search", CorpusAuth.AdminToken)
        {
            PathValues = ServicePath, Path = [ServiceIdPath],
            QueryValues = _ => new Dictionary<string, string> { ["q"] = "example.com", ["type"] = "email" },
            Query = [new("q", Text), new("type", Word, Optional: true), new("older_than", Uuid, Optional: true)],
        },
        new("POST", "/admin/api/services/{id}/jobs", CorpusAuth.AdminToken)
        {
            PathValues = ServicePath, Path = [ServiceIdPath],
            Json = w => new JsonObject
            {
                ["template_id"] = w.Service.EmailTemplateId.ToString(),
                ["csv"] = "email address,name,code\nprobe@example.org,Probe,1\n",
                ["name"] = "probe.csv",
                ["scheduled_for"] = TimeProvider.System.GetUtcNow().AddDays(1).ToString("O", System.Globalization.CultureInfo.InvariantCulture),
            },
            Fields = [new("template_id", Uuid), new("csv", LongText), new("name", Text, Optional: true), new("scheduled_for", Text, Optional: true)],
        },
        new("GET", "/admin/api/services/{id}/jobs", CorpusAuth.AdminToken)
        {
            PathValues = ServicePath, Path = [ServiceIdPath],
            QueryValues = _ => new Dictionary<string, string> { ["limit"] = "10" },
            Query = [new("limit", Integer, Optional: true), new("older_than", Uuid, Optional: true)],
        },
        new("GET", "/admin/api/services/{id}/jobs/{jobId}", CorpusAuth.AdminToken) { PathValues = JobPath, Path = [ServiceIdPath, new("jobId", Uuid)] },
        new("POST", "/admin/api/services/{id}/jobs/{jobId}/cancel", CorpusAuth.AdminToken) { PathValues = JobPath, Path = [ServiceIdPath, new("jobId", Uuid)] },
        new("GET", "/admin/api/services/{id}/jobs/{jobId}/csv", CorpusAuth.AdminToken) { PathValues = JobPath, Path = [ServiceIdPath, new("jobId", Uuid)] },
        new("GET", "/admin/api/services/{id}/suppressions", CorpusAuth.AdminToken)
        {
            PathValues = ServicePath, Path = [ServiceIdPath],
            QueryValues = _ => new Dictionary<string, string> { ["limit"] = "10" },
            Query = [new("limit", Integer, Optional: true)],
        },
        new("DELETE", "/admin/api/services/{id}/suppressions/{address}", CorpusAuth.AdminToken)
        {
            PathValues = w => new Dictionary<string, string> { ["id"] = w.Service.Id.ToString(), ["address"] = "gone@example.com" },
            Path = [ServiceIdPath, new("address", Text)],
        },
        new("GET", "/admin/api/services/{id}/statistics", CorpusAuth.AdminToken)
        {
            PathValues = ServicePath, Path = [ServiceIdPath],
            QueryValues = _ => new Dictionary<string, string> { ["days"] = "7" },
            Query = [new("days", Integer, Optional: true)],
        },
        new("GET", "/admin/api/services/{id}/template-statistics", CorpusAuth.AdminToken)
        {
            PathValues = ServicePath, Path = [ServiceIdPath],
            QueryValues = _ => new Dictionary<string, string> { ["days"] = "7" },
            Query = [new("days", Integer, Optional: true)],
        },
        new("GET", "/admin/api/services/{id}/templates/{templateId}/last-used", CorpusAuth.AdminToken)
        {
            PathValues = w => new Dictionary<string, string> { ["id"] = w.Service.Id.ToString(), ["templateId"] = w.Service.EmailTemplateId.ToString() },
            Path = [ServiceIdPath, new("templateId", Uuid)],
        },


        // /admin/api/users: admin users and their tokens (owners only).
        new("GET", "/admin/api/users", CorpusAuth.AdminToken),
        new("POST", "/admin/api/users", CorpusAuth.AdminToken)
        {
            Json = _ => new JsonObject
            {
                ["email"] = $"probe-{Guid.NewGuid():N}@example.org", ["name"] = Unique("Probe"), ["role"] = "viewer", ["password"] = "probe password 0123",
            },
            Fields = [new("email", Text), new("name", Text), new("role", Word), new("password", Text)],
        },
        new("GET", "/admin/api/users/{id}", CorpusAuth.AdminToken) { PathValues = UserPath, Path = [UserIdPath] },
        new("PATCH", "/admin/api/users/{id}", CorpusAuth.AdminToken)
        {
            PathValues = UserPath, Path = [UserIdPath],
            Json = _ => new JsonObject { ["name"] = "Corpus editor", ["role"] = "editor" },
            Fields = [new("name", Text, Optional: true), new("role", Word, Optional: true), new("password", Text, Optional: true)],
        },
        new("DELETE", "/admin/api/users/{id}", CorpusAuth.AdminToken)
        {
            PathValues = w => new Dictionary<string, string> { ["id"] = w.DeletableUserId.ToString() },
            Path = [UserIdPath],
        },
        new("GET", "/admin/api/users/{id}/tokens", CorpusAuth.AdminToken) { PathValues = UserPath, Path = [UserIdPath] },
        new("POST", "/admin/api/users/{id}/tokens", CorpusAuth.AdminToken)
        {
            PathValues = UserPath, Path = [UserIdPath],
            Json = _ => new JsonObject { ["name"] = Unique("token") },
            Fields = [new("name", Text)],
        },
        new("DELETE", "/admin/api/users/{id}/tokens/{tokenId}", CorpusAuth.AdminToken)
        {
            PathValues = w => new Dictionary<string, string> { ["id"] = w.UserId.ToString(), ["tokenId"] = w.RevokedUserTokenId.ToString() },
            Path = [UserIdPath, new("tokenId", Uuid)],
        },
        // Provider webhooks: signed or tokened, their own shapes, unknown fields allowed.
        new("POST", "/receipts/mailgun", CorpusAuth.MailgunSignature)
        {
            Json = w => new JsonObject
            {
                ["signature"] = CorpusRequest.MailgunSignatureBlock(),
                ["event-data"] = new JsonObject
                {
                    ["event"] = "delivered",
                    ["message"] = new JsonObject { ["headers"] = new JsonObject { ["message-id"] = $"<{w.NotificationId}@mg.example>" } },
                },
            },
            Fields =
            [
                new("signature", Map), new("signature.timestamp", Word), new("signature.token", Word), new("signature.signature", Word),
                new("event-data", Map), new("event-data.event", Text),
                new("event-data.message", Map), new("event-data.message.headers", Map), new("event-data.message.headers.message-id", Text),
            ],
            RefusesUnknownFields = false,
        },

        // A failure: its severity becomes part of the status.
        new("POST", "/receipts/mailgun", CorpusAuth.MailgunSignature)
        {
            Json = w => new JsonObject
            {
                ["signature"] = CorpusRequest.MailgunSignatureBlock(),
                ["event-data"] = new JsonObject
                {
                    ["event"] = "failed", ["severity"] = "permanent",
                    ["message"] = new JsonObject { ["headers"] = new JsonObject { ["message-id"] = $"<{w.NotificationId}@mg.example>" } },
                },
            },
            Fields = [new("event-data.severity", Text, Optional: true)],
            RefusesUnknownFields = false,
        },
        new("POST", "/receipts/twilio", CorpusAuth.TwilioSignature)
        {
            Form = _ => new Dictionary<string, string> { ["MessageSid"] = "SM" + Guid.NewGuid().ToString("N"), ["MessageStatus"] = "delivered", ["AccountSid"] = "AC0123456789abcdef0123456789abcdef" },
            Fields = [new("MessageSid", Text), new("MessageStatus", Text)],
            RefusesUnknownFields = false,
        },
        new("POST", "/inbound/twilio", CorpusAuth.TwilioSignature)
        {
            Form = _ => new Dictionary<string, string> { ["MessageSid"] = "SM" + Guid.NewGuid().ToString("N"), ["To"] = "+" + CorpusWorld.SmsSender, ["From"] = "+447700900123", ["Body"] = "hello" },
            Fields = [new("MessageSid", Text, Optional: true), new("To", Text, Optional: true), new("From", Text, Optional: true), new("Body", LongText, Optional: true)],
            RefusesUnknownFields = false,
            DropsWhatItCannotUse = true,
        },
        new("GET", "/receipts/vonage", CorpusAuth.VonageToken)
        {
            QueryValues = _ => new Dictionary<string, string> { ["messageId"] = "msg-" + Guid.NewGuid().ToString("N"), ["status"] = "delivered" },
            Query = [new("messageId", Text), new("status", Text)],
        },
        new("POST", "/receipts/vonage", CorpusAuth.VonageToken)
        {
            Json = _ => new JsonObject { ["messageId"] = "msg-" + Guid.NewGuid().ToString("N"), ["status"] = "delivered", ["msisdn"] = "447700900123" },

            // Vonage's JSON webhooks send some values as numbers; Herald reads a number as its text.
            Fields = [new("messageId", Any), new("status", Any)],
            RefusesUnknownFields = false,
        },
        new("GET", "/inbound/vonage", CorpusAuth.VonageToken)
        {
            QueryValues = _ => new Dictionary<string, string> { ["to"] = CorpusWorld.SmsSender, ["msisdn"] = "447700900123", ["text"] = "hello", ["messageId"] = "msg-" + Guid.NewGuid().ToString("N") },
            Query = [new("to", Text, Optional: true), new("msisdn", Text, Optional: true), new("text", LongText, Optional: true), new("messageId", Text, Optional: true)],
            DropsWhatItCannotUse = true,
        },
        new("POST", "/inbound/vonage", CorpusAuth.VonageToken)
        {
            Form = _ => new Dictionary<string, string> { ["to"] = CorpusWorld.SmsSender, ["msisdn"] = "447700900123", ["text"] = "hello", ["messageId"] = "msg-" + Guid.NewGuid().ToString("N") },
            Fields = [new("to", Text, Optional: true), new("msisdn", Text, Optional: true), new("text", LongText, Optional: true), new("messageId", Text, Optional: true)],
            RefusesUnknownFields = false,
            DropsWhatItCannotUse = true,
        },
    ];
}
