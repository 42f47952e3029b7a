namespace Herald.Providers.Capture;

public sealed record InboxMessage(long Id, Guid NotificationId, string Channel, string To, string? Subject, string Body, string? Html, string CreatedAt);

public sealed record InboxResponse(IReadOnlyList<InboxMessage> Messages);
