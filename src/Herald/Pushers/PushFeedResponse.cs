using System.Text.Json;

namespace Herald.Pushers;

/// <summary>A page of a user's notification feed, newest first; <see cref="NextToken"/> is the <c>from</c> of the next page.</summary>
public sealed record PushFeedResponse(IReadOnlyList<PushFeedItem> Notifications, string? NextToken);

/// <summary>One notification of the feed: the action (read, highlight, tweaks) and its event.</summary>
public sealed record PushFeedItem(long StreamOrdering, string RoomId, bool Read, bool Highlight, JsonElement Tweaks, long Ts, PushFeedEvent Event);

public sealed record PushFeedEvent(string EventId, string RoomId, string Type, string Sender, string? SenderDisplayName, string? RoomName, JsonElement Content);
