using System.Buffers;
using System.Text;
using System.Text.Json;
using Herald.Storage;
using Microsoft.EntityFrameworkCore;

namespace Herald.Pushers;

/// <summary>
/// The progress of many pushers recorded in one statement: the rows travel as arrays
/// (PostgreSQL, <c>unnest</c>) or one JSON document (SQLite, <c>json_each</c>). Each row moves its
/// pusher's <c>last_stream_ordering</c> up (never down) and, when it delivered, records the success
/// and clears <c>failing_since</c>; only a pusher still enabled and held by the row's lease owner
/// (when it names one) moves.
/// </summary>
internal static class PusherProgressStatements
{
    public sealed record Row(Guid PusherId, string? LeaseOwner, long StreamOrdering, bool Delivered, long Now);

    /// <summary>The ids of the pushers that moved.</summary>
    public static async Task<HashSet<Guid>> AdvanceAsync(HeraldDbContext context, DatabaseProvider provider, IReadOnlyList<Row> rows)
    {
        if (provider == DatabaseProvider.Postgres)
        {
            Guid[] ids = [.. rows.Select(r => r.PusherId)];
            string?[] owners = [.. rows.Select(r => r.LeaseOwner)];
            long[] orderings = [.. rows.Select(r => r.StreamOrdering)];
            bool[] delivered = [.. rows.Select(r => r.Delivered)];
            long[] nows = [.. rows.Select(r => r.Now)];
            return [.. await context.Database.SqlQuery<Guid>($"""
                UPDATE pushers AS p SET
                    last_stream_ordering = GREATEST(p.last_stream_ordering, v.ordering),
                    last_success = CASE WHEN v.delivered THEN v.now ELSE p.last_success END,
                    failing_since = CASE WHEN v.delivered THEN NULL ELSE p.failing_since END
                FROM unnest({ids}::uuid[], {owners}::text[], {orderings}::bigint[], {delivered}::boolean[], {nows}::bigint[]) AS v(id, owner, ordering, delivered, now)
                WHERE p.id = v.id AND p.enabled AND (v.owner IS NULL OR p.lease_owner = v.owner)
                RETURNING p.id AS "Value"
                """).ToListAsync(CancellationToken.None)];
        }

        var json = new ArrayBufferWriter<byte>(rows.Count * 80);
        await using (var writer = new Utf8JsonWriter(json))
        {
            writer.WriteStartArray();
            foreach (var row in rows)
            {
                writer.WriteStartArray();

                // EF Core keeps SQLite's GUIDs as upper-case text.
                writer.WriteStringValue(row.PusherId.ToString().ToUpperInvariant());
                if (row.LeaseOwner is null)
                {
                    writer.WriteNullValue();
                }
                else
                {
                    writer.WriteStringValue(row.LeaseOwner);
                }

                writer.WriteNumberValue(row.StreamOrdering);
                writer.WriteNumberValue(row.Delivered ? 1 : 0);
                writer.WriteNumberValue(row.Now);
                writer.WriteEndArray();
            }

            writer.WriteEndArray();
        }

        var document = Encoding.UTF8.GetString(json.WrittenSpan);
        var moved = await context.Database.SqlQuery<string>($"""
            UPDATE pushers SET
                last_stream_ordering = MAX(pushers.last_stream_ordering, v.ordering),
                last_success = CASE WHEN v.delivered THEN v.now ELSE pushers.last_success END,
                failing_since = CASE WHEN v.delivered THEN NULL ELSE pushers.failing_since END
            FROM (SELECT json_extract(r.value, '$[0]') AS id, json_extract(r.value, '$[1]') AS owner, json_extract(r.value, '$[2]') AS ordering,
                         json_extract(r.value, '$[3]') AS delivered, json_extract(r.value, '$[4]') AS now FROM json_each({document}) AS r) AS v
            WHERE pushers.id = v.id AND pushers.enabled AND (v.owner IS NULL OR pushers.lease_owner = v.owner)
            RETURNING pushers.id AS "Value"
            """).ToListAsync(CancellationToken.None);
        return [.. moved.Select(Guid.Parse)];
    }
}
