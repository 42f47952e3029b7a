namespace Herald.Pushers;

/// <summary>One recipient of a posted event: who, whether it highlights (a mention), whether it is pushed, and its tweaks (JSON).</summary>
public sealed record PushRecipientInput(string UserId, bool Highlight, bool Notify, string? Tweaks);
