namespace Herald.Bench;

/// <summary>
/// One SMS drain: its rates (whole and second half), the worker's CPU per message over each, the
/// most calls open at the fake, and when the first and the last message reached the fake, in
/// seconds from the worker's launch.
/// </summary>
internal sealed record SmsDrainResult(
    double Rate, double WarmRate, double CpuMicroseconds, double WarmCpuMicroseconds, int PeakCalls, double FirstAfterLaunch, double LastAfterLaunch);
