
namespace Herald.Api;

public sealed record NotificationListResponse(IReadOnlyList<NotificationResponse> Notifications, PageLinks Links);

public sealed record PageLinks(string Current, string? Next);
