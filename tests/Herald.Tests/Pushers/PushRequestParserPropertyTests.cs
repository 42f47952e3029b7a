using System.Text.Json;
using CsCheck;
using Herald.NotifyFormat;
using Herald.Pushers;
using Herald.Tests.Fixtures;

namespace Herald.Tests.Pushers;

/// <summary>Whatever JSON a /v2/push body holds, the parser answers a request or Notify's 400, never another exception.</summary>
public sealed class PushRequestParserPropertyTests
{
    private static readonly string[] Keys =
    [
        "room_id", "event_id", "type", "sender", "sender_display_name", "room_name", "content", "recipients", "user_id", "highlight", "notify", "tweaks",
        "stream_ordering", "kind", "app_id", "pushkey", "app_display_name", "device_display_name", "lang", "data", "url", "format", "endpoint", "keys",
    ];

    private static readonly Gen<string> Body = RandomInput.Json(Keys);

    [Fact]
    public void Any_event_body_is_an_event_or_a_400()
    {
        Body.Sample(json => ParsesOrRefuses(json, body => PushRequestParser.ParseEvent(body)), iter: 5_000);
    }

    [Fact]
    public void Any_receipt_body_is_a_receipt_or_a_400()
    {
        Body.Sample(json => ParsesOrRefuses(json, body => PushRequestParser.ParseReceipt(body)), iter: 5_000);
    }

    [Fact]
    public void Any_pusher_body_is_a_registration_or_a_400()
    {
        Body.Sample(json => ParsesOrRefuses(json, body => PushRequestParser.ParsePusher("@u:example.org", body)), iter: 5_000);
    }

    [Fact]
    public void Any_user_id_is_accepted_or_a_400()
    {
        RandomInput.Text.Sample(user =>
        {
            try
            {
                PushRequestParser.ParseUser(user);
            }
            catch (NotifyApiException refusal)
            {
                Assert.Equal(400, refusal.StatusCode);
            }
        }, iter: 2_000);
    }

    /// <summary>
    /// Parses the body as it reaches the parser: JSON that <see cref="RequestJson"/> let through
    /// (it refuses malformed JSON, lone surrogates and NUL before any parser runs).
    /// </summary>
    private static void ParsesOrRefuses(string json, Action<JsonElement> parse)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json);
        }
        catch (JsonException)
        {
            return;
        }

        using (document)
        {
            if (!Storable(document.RootElement))
            {
                return;
            }

            try
            {
                parse(document.RootElement);
            }
            catch (NotifyApiException refusal)
            {
                Assert.Equal(400, refusal.StatusCode);
            }
        }
    }

    private static bool Storable(JsonElement element)
    {
        try
        {
            return element.ValueKind switch
            {
                JsonValueKind.Object => element.EnumerateObject().All(p => RequestJson.IsStorable(p.Name) && Storable(p.Value)),
                JsonValueKind.Array => element.EnumerateArray().All(Storable),
                JsonValueKind.String => RequestJson.IsStorable(element.GetString()!),
                _ => true,
            };
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }
}
