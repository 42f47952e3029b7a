namespace Herald.Bench;

/// <param name="Rate">Emails/s from the worker's start to the last message at the server.</param>
/// <param name="AcceptRate">Requests/s while the backlog was accepted (no worker running).</param>
/// <param name="StartupSeconds">From launching the worker process to its queue worker starting.</param>
/// <param name="CpuMicroseconds">CPU time of the worker process (startup included) per email.</param>
internal sealed record DrainResult(double Rate, double AcceptRate, double StartupSeconds, double CpuMicroseconds);
