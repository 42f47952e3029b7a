using System.Data.Common;

namespace Herald.Queue;

/// <summary>Reads the claim query's columns: id, kind, payload, attempts, priority, reference, created_at.</summary>
internal static class QueueItemReader
{
    public static QueueItem Read(DbDataReader reader) => new(
        reader.GetInt64(0),
        reader.GetString(1),
        reader.GetString(2),
        reader.GetInt32(3),
        reader.GetInt32(4),
        reader.IsDBNull(5) ? null : reader.GetString(5),
        DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(6)));

    /// <summary>RETURNING gives rows in no particular order; start them in claim order.</summary>
    public static void SortInClaimOrder(List<QueueItem> items) =>
        items.Sort((a, b) => a.Priority != b.Priority ? b.Priority.CompareTo(a.Priority) : a.Id.CompareTo(b.Id));
}
