namespace Herald.Bench;

/// <summary>One fan-out: pushes/s, POST-to-notify latency (ms), the POST's answer time (ms), the most calls open at the fake, notifies sent twice, database round trips per 1,000 pushes and Herald's peak resident memory (MiB).</summary>
internal sealed record FanoutResult(double Rate, double P50, double P99, double Max, double PostMs, int PeakCalls, int Repeats, double RoundTripsPer1000, double PeakMemoryMiB);
