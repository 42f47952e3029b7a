namespace Herald.Analytics;

/// <summary>One page of events, ascending; <see cref="Next"/> names the following page (an empty page ends the walk).</summary>
public sealed record EventPage(IReadOnlyList<ProviderEvent> Events, string? Next);
