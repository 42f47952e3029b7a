using System.Diagnostics.Metrics;

namespace Herald.Analytics;

/// <summary>What an operator graphs of email analytics: events by type and outcome, the fetch loops' lag and their failed fetches.</summary>
public sealed class AnalyticsMetrics
{
    public const string MeterName = "Herald.Analytics";

    private readonly Counter<long> _events;
    private readonly Counter<long> _fetchErrors;
    private readonly Histogram<double> _lag;

    public AnalyticsMetrics(IMeterFactory meters)
    {
        var meter = meters.Create(MeterName);
        _events = meter.CreateCounter<long>("herald.analytics.events", unit: "{event}",
            description: "Provider events processed, by type and outcome (stored, duplicate, unknown: for no notification Herald knows)");
        _fetchErrors = meter.CreateCounter<long>("herald.analytics.fetch_errors", unit: "{error}", description: "Failed fetches of a provider's events, by account and loop");
        _lag = meter.CreateHistogram<double>("herald.analytics.loop.lag", unit: "s",
            description: "How far behind now a fetch loop's position was when its run ended, by account and loop");
    }

    public void Event(string type, string outcome, int count = 1)
    {
        if (count > 0)
        {
            _events.Add(count, new KeyValuePair<string, object?>("type", type), new KeyValuePair<string, object?>("outcome", outcome));
        }
    }

    public void FetchError(string account, string loop) =>
        _fetchErrors.Add(1, new KeyValuePair<string, object?>("account", account), new KeyValuePair<string, object?>("loop", loop));

    public void Lag(string account, string loop, TimeSpan lag) =>
        _lag.Record(lag.TotalSeconds, new KeyValuePair<string, object?>("account", account), new KeyValuePair<string, object?>("loop", loop));
}
