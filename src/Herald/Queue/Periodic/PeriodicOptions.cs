namespace Herald.Queue.Periodic;

/// <summary>Configuration section <c>Periodic</c>.</summary>
public sealed class PeriodicOptions
{
    public const string Section = "Periodic";

    /// <summary>Per task name: a cron expression replacing the built-in one, or <c>off</c>.</summary>
    public Dictionary<string, string> Schedules { get; set; } = new(StringComparer.Ordinal);
}
