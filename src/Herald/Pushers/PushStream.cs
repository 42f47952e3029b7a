using Herald.Storage;
using Microsoft.EntityFrameworkCore;

namespace Herald.Pushers;

/// <summary>A service's stream orderings (push_streams).</summary>
internal static class PushStream
{
    /// <summary>
    /// Allocates the next ordering inside the caller's transaction. The upsert locks the service's
    /// row (PostgreSQL) or runs under SQLite's single writer, until the transaction ends.
    /// </summary>
    public static async Task<long> NextAsync(HeraldDbContext context, Guid serviceId, CancellationToken cancellationToken)
    {
        var values = await context.Database.SqlQuery<long>($"""
            INSERT INTO push_streams (service_id, last_stream_ordering) VALUES ({serviceId}, 1)
            ON CONFLICT (service_id) DO UPDATE SET last_stream_ordering = push_streams.last_stream_ordering + 1
            RETURNING last_stream_ordering AS "Value"
            """).ToListAsync(cancellationToken);
        return values.Single();
    }

    /// <summary>The highest ordering allocated so far (0 before the first event).</summary>
    public static async Task<long> CurrentAsync(HeraldDbContext context, Guid serviceId, CancellationToken cancellationToken) =>
        await context.PushStreams.AsNoTracking().Where(s => s.ServiceId == serviceId).Select(s => (long?)s.LastStreamOrdering)
            .FirstOrDefaultAsync(cancellationToken) ?? 0;
}
