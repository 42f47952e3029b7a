namespace Herald.Storage;

/// <summary>Where Herald keeps its data. Bound from the configuration root (keys <c>Data</c>, <c>Database</c>, <c>Durability</c>).</summary>
public sealed class StorageOptions
{
    /// <summary>Data directory (flag <c>--data</c>, env <c>HERALD_DATA</c>). Default <c>./herald-data</c>.</summary>
    public string Data { get; set; } = "herald-data";

    /// <summary>
    /// <c>sqlite:PATH</c>, a PostgreSQL connection string, or a <c>postgres://</c> URL
    /// (flag <c>--database</c>, env <c>HERALD_DATABASE</c>). Default: SQLite at <c>{Data}/herald.db</c>.
    /// </summary>
    public string? Database { get; set; }

    /// <summary>Commit durability (env <c>HERALD_DURABILITY</c>). Default <see cref="Storage.Durability.Full"/>.</summary>
    public Durability Durability { get; set; } = Durability.Full;

    /// <summary>Largest PostgreSQL connection pool (env <c>HERALD_MAXPOOLSIZE</c>). Default 50.</summary>
    public int MaxPoolSize { get; set; } = 50;

    public DatabaseTarget ResolveTarget() => DatabaseTarget.Parse(Database, Data, Durability, MaxPoolSize);
}
