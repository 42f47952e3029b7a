using Herald.Queue;
using Herald.Services;
using Herald.Storage;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;

namespace Herald.Notifications;

public sealed partial class NotificationStatusUpdater
{
    /// <summary>
    /// Applies final statuses to many notifications inside the caller's transaction, set-based:
    /// one guarded UPDATE for the batch (PostgreSQL; one prepared statement per row on SQLite, which
    /// runs in process), then the delivery_status callbacks of the services that listen, queued in
    /// the same transaction. Returns the notifications that changed.
    /// </summary>
    public async Task<IReadOnlyList<Guid>> ApplyManyAsync(HeraldDbContext context, IDbContextTransaction transaction, IReadOnlyList<StatusChange> changes, CancellationToken cancellationToken)
    {
        if (changes.Count == 0)
        {
            return [];
        }

        if (changes.FirstOrDefault(c => !NotificationStatus.IsFinal(c.Status)) is { } notFinal)
        {
            throw new ArgumentException($"{notFinal.Status} is not a final status", nameof(changes));
        }

        var changed = database.Provider == DatabaseProvider.Postgres
            ? await ApplyManyPostgresAsync(context, transaction, changes, cancellationToken)
            : await ApplyManySqliteAsync(context, transaction, changes, cancellationToken);
        foreach (var ignored in changes.Where(c => !changed.ContainsKey(c.NotificationId)))
        {
            LogIgnored(logger, ignored.NotificationId, ignored.Status);
        }

        var serviceIds = changed.Values.Distinct().ToList();
        if (serviceIds.Count > 0)
        {
            var listening = (await context.ServiceCallbacks
                .Where(c => c.Kind == CallbackKinds.DeliveryStatus && serviceIds.Contains(c.ServiceId))
                .Select(c => c.ServiceId).Distinct().ToListAsync(cancellationToken)).ToHashSet();
            var callbacks = changed.Where(c => listening.Contains(c.Value))
                .Select(c => new NewQueueItem(CallbackKinds.QueueKind, c.Key.ToString(), Reference: c.Key.ToString())).ToList();
            if (callbacks.Count > 0)
            {
                await queue.EnqueueAsync(context, callbacks, cancellationToken);
            }
        }

        return [.. changed.Keys];
    }

    private static async Task<Dictionary<Guid, Guid>> ApplyManySqliteAsync(HeraldDbContext context, IDbContextTransaction transaction, IReadOnlyList<StatusChange> changes, CancellationToken cancellationToken)
    {
        await using var command = (SqliteCommand)context.Database.GetDbConnection().CreateCommand();
        command.Transaction = (SqliteTransaction)transaction.GetDbTransaction();
        command.CommandText = """
            UPDATE notifications SET status = $status, completed_at = $at
            WHERE id = $id AND (status IN ($created, $sending, $pending, $sent) OR ($over = 1 AND status = $delivered AND $status = $permanent))
            RETURNING service_id
            """;
        var id = command.Parameters.Add("$id", SqliteType.Text);
        var status = command.Parameters.Add("$status", SqliteType.Text);
        var at = command.Parameters.Add("$at", SqliteType.Text);
        var over = command.Parameters.Add("$over", SqliteType.Integer);
        command.Parameters.AddWithValue("$created", NotificationStatus.Created);
        command.Parameters.AddWithValue("$sending", NotificationStatus.Sending);
        command.Parameters.AddWithValue("$pending", NotificationStatus.Pending);
        command.Parameters.AddWithValue("$sent", NotificationStatus.Sent);
        command.Parameters.AddWithValue("$delivered", NotificationStatus.Delivered);
        command.Parameters.AddWithValue("$permanent", NotificationStatus.PermanentFailure);
        var changed = new Dictionary<Guid, Guid>();
        foreach (var change in changes)
        {
            id.Value = change.NotificationId.ToString().ToUpperInvariant();
            status.Value = change.Status;
            at.Value = change.At;
            over.Value = change.OverDelivered ? 1 : 0;
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            if (await reader.ReadAsync(cancellationToken))
            {
                changed[change.NotificationId] = Guid.Parse(reader.GetString(0));
            }
        }

        return changed;
    }

    private static async Task<Dictionary<Guid, Guid>> ApplyManyPostgresAsync(HeraldDbContext context, IDbContextTransaction transaction, IReadOnlyList<StatusChange> changes, CancellationToken cancellationToken)
    {
        // One change per notification: the last one named wins, as applying them in turn would.
        var last = changes.GroupBy(c => c.NotificationId).Select(g => g.Last()).ToList();
        await using var command = new NpgsqlCommand("""
            UPDATE notifications n SET status = s.status, completed_at = s.at
            FROM unnest(@ids, @statuses, @ats, @overs) AS s(id, status, at, over_delivered)
            WHERE n.id = s.id AND (n.status <> ALL(@final) OR (s.over_delivered AND n.status = @delivered AND s.status = @permanent))
            RETURNING n.id, n.service_id
            """, (NpgsqlConnection)context.Database.GetDbConnection(), (NpgsqlTransaction)transaction.GetDbTransaction());
        command.Parameters.Add(new NpgsqlParameter<Guid[]>("ids", [.. last.Select(c => c.NotificationId)]));
        command.Parameters.Add(new NpgsqlParameter<string[]>("statuses", [.. last.Select(c => c.Status)]));
        command.Parameters.Add(new NpgsqlParameter<DateTime[]>("ats", [.. last.Select(c => DateTime.SpecifyKind(c.At, DateTimeKind.Utc))]));
        command.Parameters.Add(new NpgsqlParameter<bool[]>("overs", [.. last.Select(c => c.OverDelivered)]));
        command.Parameters.Add(new NpgsqlParameter<string[]>("final", Final));
        command.Parameters.Add(new NpgsqlParameter<string>("delivered", NotificationStatus.Delivered));
        command.Parameters.Add(new NpgsqlParameter<string>("permanent", NotificationStatus.PermanentFailure));
        var changed = new Dictionary<Guid, Guid>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            changed[reader.GetGuid(0)] = reader.GetGuid(1);
        }

        return changed;
    }
}
