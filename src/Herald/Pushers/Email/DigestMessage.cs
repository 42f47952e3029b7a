namespace Herald.Pushers.Email;

/// <summary>One notification as a digest shows it; <see cref="Time"/> is UTC, <c>yyyy-MM-dd HH:mm</c>.</summary>
public sealed record DigestMessage(string SenderName, string Body, string Time, bool Highlight);
