using System.Text.Json.Nodes;

namespace Herald.Pushers.Http;

/// <summary>The Matrix push gateway protocol's request bodies (<c>POST /_matrix/push/v1/notify</c>).</summary>
internal static class HttpPusherPayloads
{
    public const string EventIdOnly = "event_id_only";

    /// <summary>One event for one device; <c>format: event_id_only</c> leaves out the event's details.</summary>
    public static JsonObject Notification(PusherRecord pusher, PushedAction action, int unread)
    {
        var tweaks = action.Tweaks is null ? [] : JsonNode.Parse(action.Tweaks)!.AsObject();

        // High priority wakes the device: mentions and anything that makes a sound.
        var prio = action.Highlight || tweaks["sound"] is not null ? "high" : "low";
        var notification = new JsonObject
        {
            ["event_id"] = action.EventId,
            ["room_id"] = action.RoomId,
        };
        var data = JsonNode.Parse(pusher.Data)!.AsObject();
        if (PusherUrls.StringField(data, "format") != EventIdOnly)
        {
            notification["type"] = action.Type;
            notification["sender"] = action.Sender;
            if (action.SenderDisplayName is not null)
            {
                notification["sender_display_name"] = action.SenderDisplayName;
            }

            if (action.RoomName is not null)
            {
                notification["room_name"] = action.RoomName;
            }

            notification["content"] = JsonNode.Parse(action.Content);
        }

        notification["prio"] = prio;
        notification["counts"] = new JsonObject { ["unread"] = unread };
        notification["devices"] = new JsonArray(Device(pusher, data, tweaks));
        return new JsonObject { ["notification"] = notification };
    }

    /// <summary>A badge-only update (the user read something): no event, just the unread count.</summary>
    public static JsonObject Badge(PusherRecord pusher, int unread)
    {
        var data = JsonNode.Parse(pusher.Data)!.AsObject();
        return new JsonObject
        {
            ["notification"] = new JsonObject
            {
                ["id"] = "",
                ["type"] = null,
                ["sender"] = "",
                ["counts"] = new JsonObject { ["unread"] = unread },
                ["devices"] = new JsonArray(Device(pusher, data, [])),
            },
        };
    }

    private static JsonObject Device(PusherRecord pusher, JsonObject data, JsonObject tweaks)
    {
        // The gateway gets the pusher's data except where to send it.
        data.Remove("url");
        return new JsonObject
        {
            ["app_id"] = pusher.AppId,
            ["pushkey"] = pusher.Pushkey,
            ["pushkey_ts"] = pusher.PushkeyTs / 1000,
            ["data"] = data,
            ["tweaks"] = tweaks,
        };
    }
}
