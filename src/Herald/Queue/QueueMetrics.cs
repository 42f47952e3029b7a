using System.Diagnostics.Metrics;

namespace Herald.Queue;

/// <summary>The queue's instruments (meter <c>Herald.Queue</c>).</summary>
public sealed class QueueMetrics
{
    public const string MeterName = "Herald.Queue";

    private readonly Counter<long> _enqueued;
    private readonly Counter<long> _claimed;
    private readonly Counter<long> _outcomes;
    private readonly Histogram<double> _handlerDuration;
    private readonly Histogram<double> _startDelay;
    private volatile IReadOnlyList<QueueKindCount> _backlog = [];
    private Func<int> _inFlight = () => 0;

    public QueueMetrics(IMeterFactory meterFactory)
    {
        var meter = meterFactory.Create(MeterName);
        _enqueued = meter.CreateCounter<long>("herald.queue.enqueued", "{item}", "Items enqueued (de-duplicated ones excluded).");
        _claimed = meter.CreateCounter<long>("herald.queue.claimed", "{item}", "Items claimed by this process.");
        _outcomes = meter.CreateCounter<long>("herald.queue.outcomes", "{item}", "Items finished, by kind and outcome (done, retry, dead, released).");
        _handlerDuration = meter.CreateHistogram<double>("herald.queue.handler.duration", "s", "Handler run time, by kind.");
        _startDelay = meter.CreateHistogram<double>("herald.queue.start_delay", "s", "From enqueue to the first try's start, by kind.");
        meter.CreateObservableGauge("herald.queue.in_flight", () => _inFlight(), "{item}", "Items claimed by this process and not yet completed.");
        meter.CreateObservableGauge("herald.queue.items", ObserveBacklog, "{item}", "Items in the queue by kind and state (pending, dead), sampled periodically.");
    }

    internal void Enqueued(IReadOnlyList<NewQueueItem> items, int inserted)
    {
        if (inserted > 0)
        {
            _enqueued.Add(inserted, new KeyValuePair<string, object?>("kind", items[0].Kind));
        }
    }

    internal void TrackInFlight(Func<int> inFlight) => _inFlight = inFlight;

    internal void SetBacklog(IReadOnlyList<QueueKindCount> backlog) => _backlog = backlog;

    private IEnumerable<Measurement<int>> ObserveBacklog() => _backlog.Select(b => new Measurement<int>(
        b.Count,
        new KeyValuePair<string, object?>("kind", b.Kind),
        new KeyValuePair<string, object?>("state", b.State.ToString().ToLowerInvariant())));

    internal void Claimed(int count) => _claimed.Add(count);

    internal void Outcome(string kind, QueueOutcomeKind outcome, TimeSpan duration)
    {
        var kindTag = new KeyValuePair<string, object?>("kind", kind);
        _outcomes.Add(1, kindTag, new KeyValuePair<string, object?>("outcome", outcome.ToString().ToLowerInvariant()));
        if (outcome != QueueOutcomeKind.Released)
        {
            _handlerDuration.Record(duration.TotalSeconds, kindTag);
        }
    }

    internal void Started(string kind, TimeSpan sinceEnqueue) =>
        _startDelay.Record(sinceEnqueue.TotalSeconds, new KeyValuePair<string, object?>("kind", kind));
}
