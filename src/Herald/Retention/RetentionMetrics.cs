using System.Diagnostics.Metrics;
using Herald.Templates;

namespace Herald.Retention;

/// <summary>What an operator graphs of the nightly archive: notifications moved to history, by channel, and how long each batch's transaction took.</summary>
public sealed class RetentionMetrics
{
    public const string MeterName = "Herald.Retention";

    private readonly Counter<long> _archived;
    private readonly Histogram<double> _batchDuration;

    public RetentionMetrics(IMeterFactory meters)
    {
        var meter = meters.Create(MeterName);
        _archived = meter.CreateCounter<long>("herald.notifications.archived", unit: "{notification}", description: "Notifications moved out of the hot table by the nightly archive");
        _batchDuration = meter.CreateHistogram<double>("herald.retention.archive_batch.duration", unit: "s",
            description: "How long one archive batch's transaction (copy to history and delete) took");
    }

    public void Archived(TemplateType type, int count, TimeSpan took)
    {
        _batchDuration.Record(took.TotalSeconds, new KeyValuePair<string, object?>("type", type.ApiName()));
        if (count > 0)
        {
            _archived.Add(count, new KeyValuePair<string, object?>("type", type.ApiName()));
        }
    }
}
