namespace Herald.Pushers;

/// <summary>A <see cref="PusherWake"/> as sent between processes with PostgreSQL's NOTIFY (kept short: 8000 bytes at most).</summary>
internal sealed record PusherWakeMessage(Guid S, bool R, string[] U);
