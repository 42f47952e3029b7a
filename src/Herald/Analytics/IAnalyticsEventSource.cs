namespace Herald.Analytics;

/// <summary>
/// A provider account's events API, as the fetch loops read it: the events of a window, in
/// ascending time, a page at a time. A provider adapter offers it (Mailgun's events API).
/// </summary>
public interface IAnalyticsEventSource
{
    /// <summary>The first page of the window (<paramref name="next"/> null) or the page a previous one named.</summary>
    Task<EventPage> FetchAsync(EventQuery query, string? next, CancellationToken cancellationToken);
}
