namespace Herald.Queue.Periodic;

/// <summary>The last time slot taken for one periodic task, shared by every scheduler on the database.</summary>
public sealed class PeriodicScheduleRecord
{
    public required string Name { get; set; }

    /// <summary>Unix milliseconds of the last slot enqueued.</summary>
    public long LastSlot { get; set; }

    public long UpdatedAt { get; set; }
}
