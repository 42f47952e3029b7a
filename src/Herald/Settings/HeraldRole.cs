
namespace Herald.Settings;

/// <summary>What a process does (flag <c>--role</c>, env <c>HERALD_ROLE</c>). Default <see cref="All"/>.</summary>
public enum HeraldRole
{
    /// <summary>API, workers and scheduler in one process.</summary>
    All,

    /// <summary>HTTP API only: accepts and enqueues, runs no background work.</summary>
    Api,

    /// <summary>Workers and scheduler only; HTTP serves health and metrics.</summary>
    Worker,
}
