using System.Data.Common;
using Herald.Storage;
using Npgsql;
using NpgsqlTypes;

namespace Herald.Queue;

/// <summary>
/// The queue on PostgreSQL: array-parameter inserts, <c>FOR UPDATE SKIP LOCKED</c> batch claims,
/// and outcomes written with one round trip per batch. Other processes learn of new items from
/// <see cref="PostgresQueueNotifier"/>, after commit, rather than from a NOTIFY inside the
/// enqueueing transaction: PostgreSQL serialises the commits of every transaction that notifies.
/// </summary>
internal sealed class PostgresQueueStore(HeraldDatabase database) : IQueueStore
{
    public const string Channel = "herald_queue";

    private const string InsertSql = """
        INSERT INTO queue_items (kind, payload, run_at, priority, attempts, state, dedup_key, reference, created_at)
        SELECT kind, payload, run_at, priority, 0, 0, dedup_key, reference, @now
        FROM unnest(@kinds, @payloads, @run_ats, @priorities, @dedup_keys, @references)
            AS t(kind, payload, run_at, priority, dedup_key, reference)
        ON CONFLICT (dedup_key) WHERE state = 0 AND dedup_key IS NOT NULL DO NOTHING
        """;

    // ANY(ARRAY(...)) rather than a join: the planner then updates by primary key instead of
    // hashing the whole table (measured: 25 ms per 1,000-item claim on 100,000 rows became 9 ms).
    private const string ClaimSql = """
        UPDATE queue_items q
        SET lease_owner = @owner, run_at = @lease_until, attempts = q.attempts + 1
        WHERE q.id = ANY(ARRAY(
            SELECT id FROM queue_items
            WHERE state = 0 AND run_at <= @now
            ORDER BY priority DESC, run_at, id
            LIMIT @limit
            FOR UPDATE SKIP LOCKED))
        RETURNING q.id, q.kind, q.payload, q.attempts, q.priority, q.reference, q.created_at
        """;

    public async Task<int> InsertAsync(DbConnection connection, DbTransaction? transaction, IReadOnlyList<NewQueueItem> items, long nowMs, CancellationToken cancellationToken)
    {
        var n = items.Count;
        var kinds = new string[n];
        var payloads = new string[n];
        var runAts = new long[n];
        var priorities = new int[n];
        var dedupKeys = new string?[n];
        var references = new string?[n];
        for (var i = 0; i < n; i++)
        {
            var item = items[i];
            kinds[i] = item.Kind;
            payloads[i] = item.Payload;
            runAts[i] = item.RunAt?.ToUnixTimeMilliseconds() ?? nowMs;
            priorities[i] = item.Priority;
            dedupKeys[i] = item.DedupKey;
            references[i] = item.Reference;
        }

        await using var batch = new NpgsqlBatch((NpgsqlConnection)connection, (NpgsqlTransaction?)transaction);
        var insert = new NpgsqlBatchCommand(InsertSql);
        insert.Parameters.Add(new NpgsqlParameter<long>("now", nowMs));
        insert.Parameters.Add(new NpgsqlParameter<string[]>("kinds", kinds));
        insert.Parameters.Add(new NpgsqlParameter<string[]>("payloads", payloads));
        insert.Parameters.Add(new NpgsqlParameter<long[]>("run_ats", runAts));
        insert.Parameters.Add(new NpgsqlParameter<int[]>("priorities", priorities));
        insert.Parameters.Add(new NpgsqlParameter("dedup_keys", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = dedupKeys });
        insert.Parameters.Add(new NpgsqlParameter("references", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = references });
        batch.BatchCommands.Add(insert);
        await batch.ExecuteNonQueryAsync(cancellationToken);
        return insert.RecordsAffected;
    }

    public async Task<IReadOnlyList<QueueItem>> ClaimAsync(string owner, int limit, long nowMs, long leaseUntilMs, CancellationToken cancellationToken)
    {
        await using var connection = await database.PostgresDataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using var batch = new NpgsqlBatch(connection, transaction);

        // A queue table's statistics are nearly always stale (a backlog arrives between two
        // autovacuum runs); with stale estimates the planner sorts the whole backlog on every
        // claim (measured: 4x slower at 400,000 items). The ordered index scan is always right here.
        batch.BatchCommands.Add(new NpgsqlBatchCommand("SET LOCAL enable_sort = off"));
        batch.BatchCommands.Add(new NpgsqlBatchCommand("SET LOCAL enable_bitmapscan = off"));
        var claim = new NpgsqlBatchCommand(ClaimSql);
        claim.Parameters.Add(new NpgsqlParameter<long>("now", nowMs));
        claim.Parameters.Add(new NpgsqlParameter<int>("limit", limit));
        claim.Parameters.Add(new NpgsqlParameter<string>("owner", owner));
        claim.Parameters.Add(new NpgsqlParameter<long>("lease_until", leaseUntilMs));
        batch.BatchCommands.Add(claim);
        var items = new List<QueueItem>(limit);
        await using (var reader = await batch.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                items.Add(QueueItemReader.Read(reader));
            }
        }

        await transaction.CommitAsync(cancellationToken);
        QueueItemReader.SortInClaimOrder(items);
        return items;
    }

    public async Task RenewAsync(string owner, IReadOnlyList<long> ids, long leaseUntilMs, CancellationToken cancellationToken)
    {
        await using var connection = await database.PostgresDataSource.OpenConnectionAsync(cancellationToken);
        await using var renew = new NpgsqlCommand(
            "UPDATE queue_items SET run_at = @lease_until WHERE id = ANY(@ids) AND lease_owner = @owner AND state = 0", connection);
        renew.Parameters.Add(new NpgsqlParameter<long[]>("ids", [.. ids]));
        renew.Parameters.Add(new NpgsqlParameter<long>("lease_until", leaseUntilMs));
        renew.Parameters.Add(new NpgsqlParameter<string>("owner", owner));
        await renew.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task<int> ReclaimAsync(string ownerPrefix, string currentOwner, long nowMs, CancellationToken cancellationToken)
    {
        await using var connection = await database.PostgresDataSource.OpenConnectionAsync(cancellationToken);
        await using var batch = new NpgsqlBatch(connection);
        var reclaim = new NpgsqlBatchCommand("""
            UPDATE queue_items SET run_at = @now, lease_owner = NULL
            WHERE state = 0 AND starts_with(lease_owner, @prefix) AND lease_owner <> @owner
            """);
        reclaim.Parameters.Add(new NpgsqlParameter<long>("now", nowMs));
        reclaim.Parameters.Add(new NpgsqlParameter<string>("prefix", ownerPrefix));
        reclaim.Parameters.Add(new NpgsqlParameter<string>("owner", currentOwner));
        batch.BatchCommands.Add(reclaim);
        batch.BatchCommands.Add(new NpgsqlBatchCommand($"SELECT pg_notify('{Channel}', '')"));
        await batch.ExecuteNonQueryAsync(cancellationToken);
        return reclaim.RecordsAffected;
    }

    public async Task<int> DeleteAsync(DbConnection connection, DbTransaction? transaction, IReadOnlyList<long> ids, CancellationToken cancellationToken)
    {
        await using var delete = new NpgsqlCommand("DELETE FROM queue_items WHERE id = ANY(@ids)", (NpgsqlConnection)connection, (NpgsqlTransaction?)transaction);
        delete.Parameters.Add(new NpgsqlParameter<long[]>("ids", [.. ids]));
        return await delete.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task CompleteAsync(string owner, IReadOnlyList<QueueOutcome> outcomes, long nowMs, CancellationToken cancellationToken)
    {
        var split = QueueOutcomeSplit.From(outcomes, nowMs);
        await using var connection = await database.PostgresDataSource.OpenConnectionAsync(cancellationToken);
        await using var batch = new NpgsqlBatch(connection);
        if (split.Done.Count > 0)
        {
            var delete = new NpgsqlBatchCommand("DELETE FROM queue_items WHERE id = ANY(@ids)");
            delete.Parameters.Add(new NpgsqlParameter<long[]>("ids", [.. split.Done]));
            batch.BatchCommands.Add(delete);
        }

        if (split.Failed.Count > 0)
        {
            // Retry and dead in one statement; the owner check drops the outcome of a lease that
            // expired and was taken over, so the newer holder's outcome wins.
            var update = new NpgsqlBatchCommand("""
                UPDATE queue_items q
                SET run_at = u.run_at, state = u.state, last_error = u.error, lease_owner = NULL
                FROM unnest(@ids, @run_ats, @states, @errors) AS u(id, run_at, state, error)
                WHERE q.id = u.id AND q.lease_owner = @owner
                """);
            update.Parameters.Add(new NpgsqlParameter<long[]>("ids", [.. split.Failed.Select(o => o.Id)]));
            update.Parameters.Add(new NpgsqlParameter<long[]>("run_ats", [.. split.Failed.Select(o => o.RunAt)]));
            update.Parameters.Add(new NpgsqlParameter<short[]>("states", [.. split.Failed.Select(o => (short)(o.Kind == QueueOutcomeKind.Dead ? QueueItemState.Dead : QueueItemState.Pending))]));
            update.Parameters.Add(new NpgsqlParameter("errors", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = split.Failed.Select(o => o.Error).ToArray() });
            update.Parameters.Add(new NpgsqlParameter<string>("owner", owner));
            batch.BatchCommands.Add(update);
        }

        if (split.Released.Count > 0)
        {
            var release = new NpgsqlBatchCommand("""
                UPDATE queue_items SET run_at = @now, lease_owner = NULL, attempts = GREATEST(attempts - 1, 0)
                WHERE id = ANY(@ids) AND lease_owner = @owner
                """);
            release.Parameters.Add(new NpgsqlParameter<long[]>("ids", [.. split.Released]));
            release.Parameters.Add(new NpgsqlParameter<long>("now", nowMs));
            release.Parameters.Add(new NpgsqlParameter<string>("owner", owner));
            batch.BatchCommands.Add(release);
        }

        if (split.WakeOthers)
        {
            batch.BatchCommands.Add(new NpgsqlBatchCommand($"SELECT pg_notify('{Channel}', '')"));
        }

        if (batch.BatchCommands.Count > 0)
        {
            // A multi-statement batch runs as one implicit transaction.
            await batch.ExecuteNonQueryAsync(cancellationToken);
        }
    }

    public async Task<int> ReplayDeadAsync(IReadOnlyList<long>? ids, long nowMs, CancellationToken cancellationToken)
    {
        await using var connection = await database.PostgresDataSource.OpenConnectionAsync(cancellationToken);
        await using var batch = new NpgsqlBatch(connection);
        var replay = new NpgsqlBatchCommand(
            "UPDATE queue_items SET state = 0, attempts = 0, run_at = @now, lease_owner = NULL " +
            "WHERE state = 1" + (ids is null ? "" : " AND id = ANY(@ids)"));
        replay.Parameters.Add(new NpgsqlParameter<long>("now", nowMs));
        if (ids is not null)
        {
            replay.Parameters.Add(new NpgsqlParameter<long[]>("ids", [.. ids]));
        }

        batch.BatchCommands.Add(replay);
        batch.BatchCommands.Add(new NpgsqlBatchCommand($"SELECT pg_notify('{Channel}', '')"));
        await batch.ExecuteNonQueryAsync(cancellationToken);
        return replay.RecordsAffected;
    }

    public async Task<bool> TryTakePeriodicSlotAsync(string name, long slotMs, NewQueueItem item, long nowMs, CancellationToken cancellationToken)
    {
        await using var connection = await database.PostgresDataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using var take = new NpgsqlCommand("""
            INSERT INTO periodic_schedules (name, last_slot, updated_at) VALUES (@name, @slot, @now)
            ON CONFLICT (name) DO UPDATE SET last_slot = excluded.last_slot, updated_at = excluded.updated_at
            WHERE periodic_schedules.last_slot < excluded.last_slot
            """, connection, transaction);
        take.Parameters.Add(new NpgsqlParameter<string>("name", name));
        take.Parameters.Add(new NpgsqlParameter<long>("slot", slotMs));
        take.Parameters.Add(new NpgsqlParameter<long>("now", nowMs));
        if (await take.ExecuteNonQueryAsync(cancellationToken) == 0)
        {
            return false;
        }

        await InsertAsync(connection, transaction, [item], nowMs, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return true;
    }

    public async Task<long?> GetLastPeriodicSlotAsync(string name, CancellationToken cancellationToken)
    {
        await using var connection = await database.PostgresDataSource.OpenConnectionAsync(cancellationToken);
        await using var command = new NpgsqlCommand("SELECT last_slot FROM periodic_schedules WHERE name = @name", connection);
        command.Parameters.Add(new NpgsqlParameter<string>("name", name));
        return await command.ExecuteScalarAsync(cancellationToken) is long slot ? slot : null;
    }
}
