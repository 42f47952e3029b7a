using System.Data.Common;
using System.Text.Json;
using Herald.Storage;
using Microsoft.Data.Sqlite;

namespace Herald.Queue;

/// <summary>
/// The queue on SQLite: one writer (the process's <see cref="SqliteWriteGate"/>),
/// <c>UPDATE ... RETURNING</c> batch claims, and outcomes written in one transaction per batch.
/// </summary>
internal sealed class SqliteQueueStore(HeraldDatabase database) : IQueueStore
{
    private const string InsertSql = """
        INSERT INTO queue_items (kind, payload, run_at, priority, attempts, state, dedup_key, reference, created_at)
        VALUES ($kind, $payload, $run_at, $priority, 0, 0, $dedup_key, $reference, $now)
        ON CONFLICT (dedup_key) WHERE state = 0 AND dedup_key IS NOT NULL DO NOTHING
        """;

    private const string ClaimSql = """
        UPDATE queue_items
        SET lease_owner = $owner, run_at = $lease_until, attempts = attempts + 1
        WHERE id IN (
            SELECT id FROM queue_items
            WHERE state = 0 AND run_at <= $now
            ORDER BY priority DESC, run_at, id
            LIMIT $limit)
        RETURNING id, kind, payload, attempts, priority, reference, created_at
        """;

    public async Task<int> InsertAsync(DbConnection connection, DbTransaction? transaction, IReadOnlyList<NewQueueItem> items, long nowMs, CancellationToken cancellationToken)
    {
        await using var command = (SqliteCommand)connection.CreateCommand();
        command.Transaction = (SqliteTransaction?)transaction;
        command.CommandText = InsertSql;
        var kind = command.Parameters.Add("$kind", SqliteType.Text);
        var payload = command.Parameters.Add("$payload", SqliteType.Text);
        var runAt = command.Parameters.Add("$run_at", SqliteType.Integer);
        var priority = command.Parameters.Add("$priority", SqliteType.Integer);
        var dedupKey = command.Parameters.Add("$dedup_key", SqliteType.Text);
        var reference = command.Parameters.Add("$reference", SqliteType.Text);
        command.Parameters.AddWithValue("$now", nowMs);
        var inserted = 0;
        foreach (var item in items)
        {
            kind.Value = item.Kind;
            payload.Value = item.Payload;
            runAt.Value = item.RunAt?.ToUnixTimeMilliseconds() ?? nowMs;
            priority.Value = item.Priority;
            dedupKey.Value = (object?)item.DedupKey ?? DBNull.Value;
            reference.Value = (object?)item.Reference ?? DBNull.Value;
            inserted += await command.ExecuteNonQueryAsync(cancellationToken);
        }

        return inserted;
    }

    public async Task<IReadOnlyList<QueueItem>> ClaimAsync(string owner, int limit, long nowMs, long leaseUntilMs, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        using var gate = await database.WriteGate.EnterAsync(cancellationToken);
        await using var command = (SqliteCommand)connection.CreateCommand();
        command.CommandText = ClaimSql;
        command.Parameters.AddWithValue("$owner", owner);
        command.Parameters.AddWithValue("$lease_until", leaseUntilMs);
        command.Parameters.AddWithValue("$now", nowMs);
        command.Parameters.AddWithValue("$limit", limit);
        var items = new List<QueueItem>(limit);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            items.Add(QueueItemReader.Read(reader));
        }

        QueueItemReader.SortInClaimOrder(items);
        return items;
    }

    public async Task RenewAsync(string owner, IReadOnlyList<long> ids, long leaseUntilMs, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        using var gate = await database.WriteGate.EnterAsync(cancellationToken);
        await ExecuteAsync(connection, null, """
            UPDATE queue_items SET run_at = $lease_until
            WHERE id IN (SELECT value FROM json_each($ids)) AND lease_owner = $owner AND state = 0
            """, cancellationToken,
            ("$ids", JsonSerializer.Serialize(ids.ToList(), QueueJsonContext.Default.ListInt64)), ("$lease_until", leaseUntilMs), ("$owner", owner));
    }

    public async Task<int> ReclaimAsync(string ownerPrefix, string currentOwner, long nowMs, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        using var gate = await database.WriteGate.EnterAsync(cancellationToken);
        return await ExecuteAsync(connection, null, """
            UPDATE queue_items SET run_at = $now, lease_owner = NULL
            WHERE state = 0 AND substr(lease_owner, 1, length($prefix)) = $prefix AND lease_owner <> $owner
            """, cancellationToken, ("$now", nowMs), ("$prefix", ownerPrefix), ("$owner", currentOwner));
    }

    public Task<int> DeleteAsync(DbConnection connection, DbTransaction? transaction, IReadOnlyList<long> ids, CancellationToken cancellationToken) =>
        ExecuteAsync(connection, transaction, "DELETE FROM queue_items WHERE id IN (SELECT value FROM json_each($ids))",
            cancellationToken, ("$ids", JsonSerializer.Serialize(ids, QueueJsonContext.Default.IReadOnlyListInt64)));

    public async Task CompleteAsync(string owner, IReadOnlyList<QueueOutcome> outcomes, long nowMs, CancellationToken cancellationToken)
    {
        var split = QueueOutcomeSplit.From(outcomes, nowMs);
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        using var gate = await database.WriteGate.EnterAsync(cancellationToken);
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken);
        if (split.Done.Count > 0)
        {
            await DeleteAsync(connection, transaction, split.Done, cancellationToken);
        }

        if (split.Failed.Count > 0)
        {
            // The owner check drops the outcome of a lease that expired and was taken over.
            await using var update = (SqliteCommand)connection.CreateCommand();
            update.Transaction = transaction;
            update.CommandText = """
                UPDATE queue_items SET run_at = $run_at, state = $state, last_error = $error, lease_owner = NULL
                WHERE id = $id AND lease_owner = $owner
                """;
            var id = update.Parameters.Add("$id", SqliteType.Integer);
            var runAt = update.Parameters.Add("$run_at", SqliteType.Integer);
            var state = update.Parameters.Add("$state", SqliteType.Integer);
            var error = update.Parameters.Add("$error", SqliteType.Text);
            update.Parameters.AddWithValue("$owner", owner);
            foreach (var outcome in split.Failed)
            {
                id.Value = outcome.Id;
                runAt.Value = outcome.RunAt;
                state.Value = (short)(outcome.Kind == QueueOutcomeKind.Dead ? QueueItemState.Dead : QueueItemState.Pending);
                error.Value = (object?)outcome.Error ?? DBNull.Value;
                await update.ExecuteNonQueryAsync(cancellationToken);
            }
        }

        if (split.Released.Count > 0)
        {
            await ExecuteAsync(connection, transaction, """
                UPDATE queue_items SET run_at = $now, lease_owner = NULL, attempts = MAX(attempts - 1, 0)
                WHERE id IN (SELECT value FROM json_each($ids)) AND lease_owner = $owner
                """, cancellationToken,
                ("$ids", JsonSerializer.Serialize(split.Released, QueueJsonContext.Default.ListInt64)), ("$now", nowMs), ("$owner", owner));
        }

        await transaction.CommitAsync(cancellationToken);
    }

    public async Task<int> ReplayDeadAsync(IReadOnlyList<long>? ids, long nowMs, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        using var gate = await database.WriteGate.EnterAsync(cancellationToken);
        var sql = "UPDATE queue_items SET state = 0, attempts = 0, run_at = $now, lease_owner = NULL WHERE state = 1" +
            (ids is null ? "" : " AND id IN (SELECT value FROM json_each($ids))");
        return ids is null
            ? await ExecuteAsync(connection, null, sql, cancellationToken, ("$now", nowMs))
            : await ExecuteAsync(connection, null, sql, cancellationToken, ("$now", nowMs), ("$ids", JsonSerializer.Serialize(ids.ToList(), QueueJsonContext.Default.ListInt64)));
    }

    public async Task<bool> TryTakePeriodicSlotAsync(string name, long slotMs, NewQueueItem item, long nowMs, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        using var gate = await database.WriteGate.EnterAsync(cancellationToken);
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken);
        var taken = await ExecuteAsync(connection, transaction, """
            INSERT INTO periodic_schedules (name, last_slot, updated_at) VALUES ($name, $slot, $now)
            ON CONFLICT (name) DO UPDATE SET last_slot = excluded.last_slot, updated_at = excluded.updated_at
            WHERE periodic_schedules.last_slot < excluded.last_slot
            """, cancellationToken, ("$name", name), ("$slot", slotMs), ("$now", nowMs));
        if (taken == 0)
        {
            return false;
        }

        await InsertAsync(connection, transaction, [item], nowMs, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return true;
    }

    public async Task<long?> GetLastPeriodicSlotAsync(string name, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT last_slot FROM periodic_schedules WHERE name = $name";
        command.Parameters.Add(new SqliteParameter("$name", name));
        return await command.ExecuteScalarAsync(cancellationToken) is long slot ? slot : null;
    }

    private static async Task<int> ExecuteAsync(
        DbConnection connection, DbTransaction? transaction, string sql, CancellationToken cancellationToken, params (string Name, object Value)[] parameters)
    {
        await using var command = (SqliteCommand)connection.CreateCommand();
        command.Transaction = (SqliteTransaction?)transaction;
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        return await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
