using System.Text.Json;
using System.Text.Json.Nodes;
using Herald.NotifyFormat;

namespace Herald.Pushers;

/// <summary>Reads /v2/push request bodies: every problem is answered at once as a 400 ValidationError.</summary>
internal static class PushRequestParser
{
    public const int MaxRecipients = 10_000;

    public static PushEventInput ParseEvent(JsonElement body)
    {
        RequireObject(body);
        var fields = new PushJsonFields(body, []);
        fields.RefuseUnknown("room_id", "event_id", "type", "sender", "sender_display_name", "room_name", "content", "recipients");
        var roomId = fields.RequiredString("room_id");
        var eventId = fields.OptionalString("event_id");
        var type = fields.RequiredString("type");
        var sender = fields.RequiredString("sender");
        var senderDisplayName = fields.OptionalString("sender_display_name");
        var roomName = fields.OptionalString("room_name");
        var content = fields.RequiredObject("content");
        var recipients = new List<PushRecipientInput>();
        if (fields.RequiredArray("recipients") is { } array)
        {
            if (array.GetArrayLength() > MaxRecipients)
            {
                fields.Errors.Add($"recipients has more than {MaxRecipients} items");
            }
            else
            {
                var seen = new HashSet<string>(StringComparer.Ordinal);
                var index = 0;
                foreach (var item in array.EnumerateArray())
                {
                    if (ParseRecipient(item, index++, fields.Errors) is { } recipient)
                    {
                        if (seen.Add(recipient.UserId))
                        {
                            recipients.Add(recipient);
                        }
                        else
                        {
                            fields.Errors.Add($"recipients lists {recipient.UserId} more than once");
                        }
                    }
                }
            }
        }

        ThrowIfAny(fields.Errors);
        return new PushEventInput(roomId!, eventId, type!, sender!, senderDisplayName, roomName, content!.Value.GetRawText(), recipients);
    }

    public static PushReceiptInput ParseReceipt(JsonElement body)
    {
        RequireObject(body);
        var fields = new PushJsonFields(body, []);
        fields.RefuseUnknown("room_id", "event_id", "stream_ordering");
        var roomId = fields.RequiredString("room_id");
        var eventId = fields.OptionalString("event_id");
        var streamOrdering = fields.OptionalNonNegativeInteger("stream_ordering");
        var given = body.TryGetProperty("event_id", out var e) && e.ValueKind != JsonValueKind.Null;
        var givenOrdering = body.TryGetProperty("stream_ordering", out var s) && s.ValueKind != JsonValueKind.Null;
        if (given == givenOrdering)
        {
            fields.Errors.Add("exactly one of event_id and stream_ordering is required");
        }

        ThrowIfAny(fields.Errors);
        return new PushReceiptInput(roomId!, eventId, streamOrdering);
    }

    public static PusherRegistration ParsePusher(string userId, JsonElement body)
    {
        RequireObject(body);
        var fields = new PushJsonFields(body, []);
        fields.RefuseUnknown("kind", "app_id", "pushkey", "app_display_name", "device_display_name", "lang", "data");
        var kind = fields.RequiredString("kind", 20);
        if (kind is not null && !PusherKinds.IsKnown(kind))
        {
            fields.Errors.Add($"kind {kind} is not one of [{PusherKinds.Http}, {PusherKinds.Email}, {PusherKinds.WebPush}]");
        }

        // Matrix's limits: app_id 64 characters, pushkey 512 bytes.
        var appId = fields.RequiredString("app_id", 64);
        var pushkey = fields.RequiredString("pushkey", 2000);
        if (pushkey is not null && System.Text.Encoding.UTF8.GetByteCount(pushkey) > 512)
        {
            fields.Errors.Add("pushkey is longer than 512 bytes");
        }

        var appDisplayName = fields.OptionalString("app_display_name");
        var deviceDisplayName = fields.OptionalString("device_display_name");
        var lang = fields.OptionalString("lang", 35);
        var data = fields.RequiredObject("data");
        ThrowIfAny(fields.Errors);
        return new PusherRegistration(userId, kind!, appId!, pushkey!, appDisplayName, deviceDisplayName, lang, JsonNode.Parse(data!.Value.GetRawText())!.AsObject());
    }

    public static string ParseUser(string user)
    {
        if (user.Length is 0 or > PushJsonFields.MaxIdLength)
        {
            throw NotifyApiException.Validation([$"user must be 1 to {PushJsonFields.MaxIdLength} characters"]);
        }

        return user;
    }

    private static PushRecipientInput? ParseRecipient(JsonElement item, int index, List<string> errors)
    {
        if (item.ValueKind != JsonValueKind.Object)
        {
            errors.Add($"recipients[{index}] {PushJsonFields.Describe(item)} is not of type object");
            return null;
        }

        var itemErrors = new List<string>();
        var fields = new PushJsonFields(item, itemErrors);
        fields.RefuseUnknown("user_id", "highlight", "notify", "tweaks");
        var userId = fields.RequiredString("user_id");
        var highlight = fields.OptionalBool("highlight") ?? false;
        var notify = fields.OptionalBool("notify") ?? true;
        var tweaks = fields.OptionalObject("tweaks");
        errors.AddRange(itemErrors.Select(e => $"recipients[{index}] {e}"));
        return itemErrors.Count == 0 ? new PushRecipientInput(userId!, highlight, notify, tweaks?.GetRawText()) : null;
    }

    private static void RequireObject(JsonElement body)
    {
        if (body.ValueKind != JsonValueKind.Object)
        {
            throw NotifyApiException.BadRequest("Invalid JSON supplied in POST data");
        }
    }

    private static void ThrowIfAny(List<string> errors)
    {
        if (errors.Count > 0)
        {
            throw NotifyApiException.Validation(errors);
        }
    }
}
