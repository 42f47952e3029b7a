namespace Herald.Bench;

/// <summary>
/// One chaos run: how many faults of each kind, how much load, and the bounds that keep it short.
/// <see cref="Short"/> is the form CI runs (one of each fault, a small load).
/// </summary>
internal sealed record ChaosSettings(int Kills, int DatabaseRestarts, int Rate, TimeSpan FaultGap, TimeSpan DatabaseDown, TimeSpan SettleLimit, string PostgresServer)
{
    public static ChaosSettings Full(string postgres) =>
        new(Kills: 10, DatabaseRestarts: 2, Rate: 40, FaultGap: TimeSpan.FromSeconds(25), DatabaseDown: TimeSpan.FromSeconds(5), SettleLimit: TimeSpan.FromMinutes(3), postgres);

    public static ChaosSettings Short(string postgres) =>
        new(Kills: 1, DatabaseRestarts: 1, Rate: 15, FaultGap: TimeSpan.FromSeconds(15), DatabaseDown: TimeSpan.FromSeconds(4), SettleLimit: TimeSpan.FromMinutes(1.5), postgres);

    /// <summary>
    /// Claims a process holds at once: the bound on what a kill or a database restart can have
    /// sent without recording it (each node's Queue:MaxInFlight, set by the run).
    /// </summary>
    public const int MaxInFlight = 200;
}
