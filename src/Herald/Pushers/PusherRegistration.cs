using System.Text.Json.Nodes;

namespace Herald.Pushers;

/// <summary>A pusher as a caller asks to register it (validated before it is stored).</summary>
public sealed record PusherRegistration(
    string UserId, string Kind, string AppId, string Pushkey, string? AppDisplayName, string? DeviceDisplayName, string? Lang, JsonObject Data);
