using System.Diagnostics.Metrics;

namespace Herald.Pushers.WebPush;

/// <summary>Instruments of web push (meter <c>Herald.WebPush</c>).</summary>
public sealed class WebPushMetrics
{
    public const string MeterName = "Herald.WebPush";

    private readonly Counter<long> _outcomes;

    public WebPushMetrics(IMeterFactory meterFactory)
    {
        ArgumentNullException.ThrowIfNull(meterFactory);
        var meter = meterFactory.Create(MeterName);
        _outcomes = meter.CreateCounter<long>("herald.webpush.outcomes", "{message}", "Web push messages sent, by outcome (delivered, gone, retry, rejected).");
    }

    internal void Outcome(WebPushOutcome outcome) =>
        _outcomes.Add(1, new KeyValuePair<string, object?>("outcome", outcome switch
        {
            WebPushOutcome.Delivered => "delivered",
            WebPushOutcome.Gone => "gone",
            WebPushOutcome.Retry => "retry",
            _ => "rejected",
        }));
}
