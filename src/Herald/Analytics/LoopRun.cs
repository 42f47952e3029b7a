namespace Herald.Analytics;

/// <summary>What one run of a fetch loop did: events processed, the last one's time, and whether it stopped at its cap.</summary>
public sealed record LoopRun(string Account, string Loop, int Events, DateTime? LastEventAt, bool HitCap, DateTime? Position, string? Error);
