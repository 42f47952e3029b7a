namespace Herald.Bench;

/// <param name="Rate">Emails/s from the first request to the last message at the server.</param>
/// <param name="AcceptRate">Requests/s accepted while the load ran.</param>
/// <param name="P50">Milliseconds from acceptance to the server's acceptance, median.</param>
/// <param name="P99">The same, 99th percentile.</param>
/// <param name="MemoryMiB">Herald's peak resident memory.</param>
internal sealed record SustainedResult(double Rate, double AcceptRate, double P50, double P99, double MemoryMiB);
