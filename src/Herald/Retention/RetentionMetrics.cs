using System.Diagnostics.Metrics;
using Herald.Templates;

namespace Herald.Retention;

/// <summary>What an operator graphs of the nightly archive: notifications moved to history, by channel.</summary>
public sealed class RetentionMetrics
{
    public const string MeterName = "Herald.Retention";

    private readonly Counter<long> _archived;

    public RetentionMetrics(IMeterFactory meters)
    {
        var meter = meters.Create(MeterName);
        _archived = meter.CreateCounter<long>("herald.notifications.archived", unit: "{notification}", description: "Notifications moved out of the hot table by the nightly archive");
    }

    public void Archived(TemplateType type, int count)
    {
        if (count > 0)
        {
            _archived.Add(count, new KeyValuePair<string, object?>("type", type.ApiName()));
        }
    }
}
