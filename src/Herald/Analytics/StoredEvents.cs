namespace Herald.Analytics;

/// <summary>What storing a batch of events came to: new ones applied, repeats, and events for no notification Herald knows.</summary>
public sealed record StoredEvents(int Stored, int Duplicates, int Unknown);
