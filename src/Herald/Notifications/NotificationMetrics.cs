using Herald.Services;
using Herald.Templates;
using System.Diagnostics.Metrics;

namespace Herald.Notifications;

/// <summary>Instruments of the send path (meter <c>Herald.Notifications</c>).</summary>
public sealed class NotificationMetrics
{
    public const string MeterName = "Herald.Notifications";

    private readonly Counter<long> _accepted;
    private readonly Histogram<int> _commitBatch;
    private readonly Counter<long> _apiErrors;
    private readonly Counter<long> _deliveries;
    private readonly Histogram<double> _providerCalls;
    private readonly Counter<long> _receipts;
    private readonly Counter<long> _timedOut;
    private readonly Counter<long> _requeued;

    public NotificationMetrics(IMeterFactory meterFactory)
    {
        var meter = meterFactory.Create(MeterName);
        _accepted = meter.CreateCounter<long>("herald.notifications.accepted", "{notification}", "Notifications accepted (committed), by type and key type.");
        _commitBatch = meter.CreateHistogram<int>("herald.notifications.commit_batch", "{notification}", "Requests committed together by the notification writer.");
        _apiErrors = meter.CreateCounter<long>("herald.api.errors", "{response}", "Error answers of /v2 and /admin/api, by status code and error type.");
        _providerCalls = meter.CreateHistogram<double>("herald.provider.call.duration", "s", "Provider API calls, by provider and outcome (ok, retryable, permanent, technical).");
        _receipts = meter.CreateCounter<long>("herald.receipts", "{receipt}", "Provider receipts processed, by provider and mapped status.");
        _timedOut = meter.CreateCounter<long>("herald.notifications.timed_out", "{notification}", "Notifications still sending or pending three days after they were sent, made temporary-failure, by type.");
        _requeued = meter.CreateCounter<long>("herald.notifications.requeued", "{notification}", "Notifications still created an hour after they were accepted with no delivery queued, queued again.");
        _deliveries = meter.CreateCounter<long>("herald.delivery.outcomes", "{notification}", "Delivery attempts, by type, provider and outcome (sent, permanent-failure, technical-failure, retry).");
    }

    internal void Committed(IEnumerable<NotificationRecord> notifications, int batchSize)
    {
        _commitBatch.Record(batchSize);
        foreach (var n in notifications)
        {
            _accepted.Add(1, new KeyValuePair<string, object?>("type", n.Type.ApiName()),
                new KeyValuePair<string, object?>("key_type", KeyTypeNames.ApiName(n.KeyType)));
        }
    }

    internal void ApiError(int statusCode, string error) =>
        _apiErrors.Add(1, new KeyValuePair<string, object?>("status_code", statusCode), new KeyValuePair<string, object?>("error", error));

    internal void ProviderCall(string provider, string outcome, TimeSpan duration) =>
        _providerCalls.Record(duration.TotalSeconds, new KeyValuePair<string, object?>("provider", provider), new KeyValuePair<string, object?>("outcome", outcome));

    internal void Receipt(string provider, string status) =>
        _receipts.Add(1, new KeyValuePair<string, object?>("provider", provider), new KeyValuePair<string, object?>("status", status));

    internal void Requeued(int count) => _requeued.Add(count);

    internal void TimedOut(string type) => _timedOut.Add(1, new KeyValuePair<string, object?>("type", type));

    internal void Delivery(string type, string provider, string outcome) =>
        _deliveries.Add(1, new KeyValuePair<string, object?>("type", type), new KeyValuePair<string, object?>("provider", provider),
            new KeyValuePair<string, object?>("outcome", outcome));
}
