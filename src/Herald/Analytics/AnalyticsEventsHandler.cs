using System.Text.Json;
using Herald.Queue;

namespace Herald.Analytics;

/// <summary>
/// Stores provider events that came by webhook (queue kind <c>analytics.events</c>): off the
/// request path, so the webhook answers at once, and through the same rules as the fetch loops.
/// </summary>
public sealed class AnalyticsEventsHandler(AnalyticsEventStore store) : IQueueHandler
{
    public const string KindName = "analytics.events";

    public string Kind => KindName;

    public static NewQueueItem Item(ProviderEvent e) =>
        new(KindName, JsonSerializer.Serialize(e, AnalyticsJsonContext.Default.ProviderEvent), Reference: e.MessageId is { Length: > 200 } m ? m[..200] : e.MessageId);

    public async Task<QueueHandlerResult> HandleAsync(QueueItem item, CancellationToken cancellationToken)
    {
        var e = JsonSerializer.Deserialize(item.Payload, AnalyticsJsonContext.Default.ProviderEvent)
            ?? throw new InvalidOperationException("empty event");
        await store.StoreAsync([e], cancellationToken);
        return QueueHandlerResult.Completed;
    }
}
