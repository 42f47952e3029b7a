namespace Herald.Queue;

/// <summary>A claimed item, handed to its handler.</summary>
/// <param name="Attempts">Tries including this one.</param>
public sealed record QueueItem(
    long Id,
    string Kind,
    string Payload,
    int Attempts,
    int Priority,
    string? Reference,
    DateTimeOffset CreatedAt);
