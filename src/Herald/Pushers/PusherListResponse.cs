namespace Herald.Pushers;

public sealed record PusherListResponse(IReadOnlyList<PusherResponse> Pushers);
