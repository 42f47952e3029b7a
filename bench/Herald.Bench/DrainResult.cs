namespace Herald.Bench;

/// <param name="Rate">Emails/s from the worker's start to the last message at the server.</param>
/// <param name="AcceptRate">Requests/s while the backlog was accepted (no worker running).</param>
/// <param name="StartupSeconds">From launching the worker process to its queue worker starting.</param>
/// <param name="CpuMicroseconds">CPU time of the worker process (startup included) per email.</param>
/// <param name="WarmRate">Emails/s over the second half of the backlog.</param>
/// <param name="WarmCpuMicroseconds">CPU time of the worker process per email over the second half.</param>
internal sealed record DrainResult(double Rate, double AcceptRate, double StartupSeconds, double CpuMicroseconds, double WarmRate, double WarmCpuMicroseconds);
