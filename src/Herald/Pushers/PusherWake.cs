namespace Herald.Pushers;

/// <summary>New events (or, with <see cref="Receipts"/>, new receipts) for some users of a service: their pushers may have work.</summary>
public sealed record PusherWake(Guid ServiceId, IReadOnlyList<string> UserIds, bool Receipts);
