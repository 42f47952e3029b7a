using System.Text.Json;

namespace Herald.Pushers;

public sealed record PusherResponse(
    string Kind,
    string AppId,
    string Pushkey,
    string? AppDisplayName,
    string? DeviceDisplayName,
    string? Lang,
    JsonElement Data,
    bool Enabled,
    long LastStreamOrdering,
    string? LastSuccess,
    string? FailingSince,
    long ParkedEvents,
    string? LastParkedAt,
    string? LastParkedEventId,
    string? LastParkedReason)
{
    public static PusherResponse From(PusherRecord p)
    {
        using var data = JsonDocument.Parse(p.Data);
        return new PusherResponse(p.Kind, p.AppId, p.Pushkey, p.AppDisplayName, p.DeviceDisplayName, p.Lang, data.RootElement.Clone(), p.Enabled,
            p.LastStreamOrdering, Format(p.LastSuccess), Format(p.FailingSince), p.ParkedEvents, Format(p.LastParkedAt), p.LastParkedEventId, p.LastParkedReason);
    }

    private static string? Format(long? ms) =>
        ms is { } value ? DateTimeOffset.FromUnixTimeMilliseconds(value).UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", System.Globalization.CultureInfo.InvariantCulture) : null;
}
