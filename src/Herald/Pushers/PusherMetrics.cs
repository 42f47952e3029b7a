using System.Diagnostics.Metrics;

namespace Herald.Pushers;

/// <summary>Instruments of the pushers (meter <c>Herald.Pushers</c>).</summary>
public sealed class PusherMetrics
{
    public const string MeterName = "Herald.Pushers";

    private readonly Counter<long> _parked;

    public PusherMetrics(IMeterFactory meterFactory)
    {
        ArgumentNullException.ThrowIfNull(meterFactory);
        var meter = meterFactory.Create(MeterName);
        _parked = meter.CreateCounter<long>("herald.pushers.parked", "{event}", "Events a pusher could not deliver and moved past, by pusher kind and cause (refused: the gateway refused it or it could not be built; gave_up: the gateway failed for GiveUpAfter).");
    }

    internal void Parked(string kind, ParkCause cause) =>
        _parked.Add(1, new KeyValuePair<string, object?>("kind", kind), new KeyValuePair<string, object?>("cause", cause == ParkCause.Refused ? "refused" : "gave_up"));
}
