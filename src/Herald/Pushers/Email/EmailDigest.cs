namespace Herald.Pushers.Email;

/// <summary>
/// What one digest email says: the model its templates see (snake_case: <c>app_name</c>,
/// <c>subject</c>, <c>summary</c>, <c>unsubscribe_url</c>, <c>rooms</c> with <c>name</c>,
/// <c>is_reason</c>, <c>messages</c> with <c>sender_name</c>, <c>body</c>, <c>time</c>, <c>highlight</c>).
/// </summary>
public sealed record EmailDigest(string AppName, string Subject, string Summary, string UnsubscribeUrl, IReadOnlyList<DigestRoom> Rooms);
