namespace Herald.Analytics;

/// <summary>A window of events to read, both ends inclusive, of these types.</summary>
public sealed record EventQuery(DateTime Begin, DateTime End, IReadOnlyList<string> Types);
