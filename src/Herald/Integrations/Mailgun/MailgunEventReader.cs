using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Herald.Analytics;

namespace Herald.Integrations.Mailgun;

/// <summary>
/// Reads one Mailgun event (a webhook's <c>event-data</c>, or an item of an events API page) as
/// the analytics event it is: its id, type, time (epoch seconds with a fraction, kept to the
/// millisecond), the Message-ID we sent as reference, the <c>notification_id</c> user variable,
/// and for a failure its severity (none means permanent), code, enhanced code and message.
/// </summary>
public static class MailgunEventReader
{
    /// <summary>The analytics event, or null for an event analytics does not keep (accepted, rejected, stored...).</summary>
    public static ProviderEvent? Read(JsonElement data, DateTime receivedAt)
    {
        if (Text(data, "event") is not { } type || !AnalyticsEventTypes.IsKnown(type))
        {
            return null;
        }

        var messageId = Member(data, "message") is { } message && Member(message, "headers") is { } headers ? Text(headers, "message-id")?.Trim('<', '>') : null;
        Guid? notificationId = Member(data, "user-variables") is { } variables && Text(variables, "notification_id") is { } text && Guid.TryParse(text, out var id) ? id : null;
        var occurredAt = Member(data, "timestamp") is { ValueKind: JsonValueKind.Number } t && t.TryGetDouble(out var seconds) && seconds is > 0 and < 253_402_300_799
            ? DateTime.UnixEpoch.AddMilliseconds(Math.Round(seconds * 1000))
            : receivedAt;
        string? severity = null, code = null, enhanced = null, description = null;
        if (type == AnalyticsEventTypes.Failed)
        {
            severity = Text(data, "severity") == AnalyticsEventTypes.Temporary ? AnalyticsEventTypes.Temporary : AnalyticsEventTypes.Permanent;
            if (Member(data, "delivery-status") is { } status)
            {
                code = Member(status, "code") is { } c ? c.ValueKind switch
                {
                    JsonValueKind.Number => c.GetRawText(),
                    JsonValueKind.String => Text(status, "code"),
                    _ => null,
                } : null;
                enhanced = Text(status, "enhanced-code");
                description = Text(status, "message") is { Length: > 0 } m ? m : Text(status, "description");
            }
        }

        var eventId = Text(data, "id") is { Length: > 0 and <= ProviderEvent.MaxEventId } given ? given : Synthesised(type, messageId, occurredAt, severity);
        return new ProviderEvent(MailgunEmailProvider.ProviderName, eventId, type, occurredAt, messageId, notificationId, severity, code, enhanced, description);
    }

    /// <summary>An event without Mailgun's id (a hand-made webhook) is named by what it says, so that its repeats are still one event.</summary>
    private static string Synthesised(string type, string? messageId, DateTime at, string? severity) =>
        "h:" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(
            string.Join('|', type, messageId ?? "", at.ToString("O", CultureInfo.InvariantCulture), severity ?? ""))))[..40];

    /// <summary>A member, or null: absent, or the object has a property name of invalid text (the lookup throws for it).</summary>
    internal static JsonElement? Member(JsonElement element, string name)
    {
        try
        {
            return element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) ? value : null;
        }
        catch (InvalidOperationException)
        {
            return null;
        }
    }

    /// <summary>A string member, or null: absent, not a string, or invalid UTF-8 (which the reader throws for only when asked).</summary>
    internal static string? Text(JsonElement element, string name)
    {
        if (Member(element, name) is not { ValueKind: JsonValueKind.String } value)
        {
            return null;
        }

        try
        {
            return value.GetString();
        }
        catch (InvalidOperationException)
        {
            return null;
        }
    }
}
