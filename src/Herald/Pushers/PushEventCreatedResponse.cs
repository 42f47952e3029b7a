namespace Herald.Pushers;

public sealed record PushEventCreatedResponse(long StreamOrdering, string EventId);
