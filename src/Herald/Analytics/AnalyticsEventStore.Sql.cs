using Herald.Storage;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;

namespace Herald.Analytics;

/// <summary>
/// The statements that differ by backend. PostgreSQL gets each step as one statement over arrays
/// (<c>unnest</c>); SQLite runs in process, where a prepared statement per row is no round trip,
/// and has one writer, so its transaction already sees no one else's changes to the rows it reads.
/// </summary>
public sealed partial class AnalyticsEventStore
{
    private static object Nullable(string? value) => value is null ? DBNull.Value : value;

    /// <summary>Stores the events; returns those not stored before (by provider and event id).</summary>
    private static async Task<HashSet<(string, string)>> InsertEventsPostgresAsync(
        HeraldDbContext context, IDbContextTransaction transaction, List<(ProviderEvent Event, Target Target)> events, DateTime now, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("""
            INSERT INTO analytics_events (provider, event_id, notification_id, type, occurred_at, severity, code, enhanced_code, message, stored_at)
            SELECT e.provider, e.event_id, e.notification_id, e.type, e.occurred_at, e.severity, e.code, e.enhanced_code, e.message, @now
            FROM unnest(@providers, @event_ids, @notification_ids, @types, @occurred_ats, @severities, @codes, @enhanced_codes, @messages)
                AS e(provider, event_id, notification_id, type, occurred_at, severity, code, enhanced_code, message)
            ON CONFLICT DO NOTHING
            RETURNING provider, event_id
            """, (NpgsqlConnection)context.Database.GetDbConnection(), (NpgsqlTransaction)transaction.GetDbTransaction());
        command.Parameters.Add(new NpgsqlParameter<string[]>("providers", [.. events.Select(e => e.Event.Provider)]));
        command.Parameters.Add(new NpgsqlParameter<string[]>("event_ids", [.. events.Select(e => e.Event.EventId)]));
        command.Parameters.Add(new NpgsqlParameter<Guid[]>("notification_ids", [.. events.Select(e => e.Target.Id)]));
        command.Parameters.Add(new NpgsqlParameter<string[]>("types", [.. events.Select(e => e.Event.Type)]));
        command.Parameters.Add(new NpgsqlParameter<DateTime[]>("occurred_ats", [.. events.Select(e => DateTime.SpecifyKind(e.Event.OccurredAt, DateTimeKind.Utc))]));
        command.Parameters.Add(new NpgsqlParameter<string?[]>("severities", [.. events.Select(e => e.Event.Severity)]));
        command.Parameters.Add(new NpgsqlParameter<string?[]>("codes", [.. events.Select(e => AnalyticsState.Cut(e.Event.Code, ProviderEvent.MaxCode))]));
        command.Parameters.Add(new NpgsqlParameter<string?[]>("enhanced_codes", [.. events.Select(e => AnalyticsState.Cut(e.Event.EnhancedCode, ProviderEvent.MaxEnhancedCode))]));
        command.Parameters.Add(new NpgsqlParameter<string?[]>("messages", [.. events.Select(e => AnalyticsState.Cut(e.Event.Message, ProviderEvent.MaxMessage))]));
        command.Parameters.Add(new NpgsqlParameter<DateTime>("now", DateTime.SpecifyKind(now, DateTimeKind.Utc)));
        var fresh = new HashSet<(string, string)>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            fresh.Add((reader.GetString(0), reader.GetString(1)));
        }

        return fresh;
    }

    private static async Task<HashSet<(string, string)>> InsertEventsSqliteAsync(
        HeraldDbContext context, IDbContextTransaction transaction, List<(ProviderEvent Event, Target Target)> events, DateTime now, CancellationToken cancellationToken)
    {
        await using var command = (SqliteCommand)context.Database.GetDbConnection().CreateCommand();
        command.Transaction = (SqliteTransaction)transaction.GetDbTransaction();
        command.CommandText = """
            INSERT INTO analytics_events (provider, event_id, notification_id, type, occurred_at, severity, code, enhanced_code, message, stored_at)
            VALUES ($provider, $event_id, $notification_id, $type, $occurred_at, $severity, $code, $enhanced_code, $message, $now)
            ON CONFLICT DO NOTHING
            """;
        var provider = command.Parameters.Add("$provider", SqliteType.Text);
        var eventId = command.Parameters.Add("$event_id", SqliteType.Text);
        var notificationId = command.Parameters.Add("$notification_id", SqliteType.Text);
        var type = command.Parameters.Add("$type", SqliteType.Text);
        var occurredAt = command.Parameters.Add("$occurred_at", SqliteType.Text);
        var severity = command.Parameters.Add("$severity", SqliteType.Text);
        var code = command.Parameters.Add("$code", SqliteType.Text);
        var enhancedCode = command.Parameters.Add("$enhanced_code", SqliteType.Text);
        var message = command.Parameters.Add("$message", SqliteType.Text);
        command.Parameters.AddWithValue("$now", now);
        var fresh = new HashSet<(string, string)>();
        foreach (var (e, target) in events)
        {
            provider.Value = e.Provider;
            eventId.Value = e.EventId;
            notificationId.Value = target.Id.ToString().ToUpperInvariant();
            type.Value = e.Type;
            occurredAt.Value = e.OccurredAt;
            severity.Value = Nullable(e.Severity);
            code.Value = Nullable(AnalyticsState.Cut(e.Code, ProviderEvent.MaxCode));
            enhancedCode.Value = Nullable(AnalyticsState.Cut(e.EnhancedCode, ProviderEvent.MaxEnhancedCode));
            message.Value = Nullable(AnalyticsState.Cut(e.Message, ProviderEvent.MaxMessage));
            if (await command.ExecuteNonQueryAsync(cancellationToken) > 0)
            {
                fresh.Add((e.Provider, e.EventId));
            }
        }

        return fresh;
    }

    /// <summary>
    /// The notifications' analytics rows, tracked and, on PostgreSQL, locked for this transaction
    /// (created first where missing, so that there is a row to lock; in id order, so that two
    /// batches sharing notifications wait rather than deadlock).
    /// </summary>
    private async Task<Dictionary<Guid, NotificationAnalyticsRecord>> LockStatesAsync(
        HeraldDbContext context, IDbContextTransaction transaction, List<Target> targets, CancellationToken cancellationToken)
    {
        var ids = targets.Select(t => t.Id).ToArray();
        if (database.Provider == DatabaseProvider.Postgres)
        {
            await using (var insert = new NpgsqlCommand("""
                INSERT INTO notification_analytics (notification_id, service_id, template_id, open_count, click_count)
                SELECT t.id, t.service_id, t.template_id, 0, 0 FROM unnest(@ids, @service_ids, @template_ids) AS t(id, service_id, template_id)
                ON CONFLICT DO NOTHING
                """, (NpgsqlConnection)context.Database.GetDbConnection(), (NpgsqlTransaction)transaction.GetDbTransaction()))
            {
                insert.Parameters.Add(new NpgsqlParameter<Guid[]>("ids", ids));
                insert.Parameters.Add(new NpgsqlParameter<Guid[]>("service_ids", [.. targets.Select(t => t.ServiceId)]));
                insert.Parameters.Add(new NpgsqlParameter<Guid[]>("template_ids", [.. targets.Select(t => t.TemplateId)]));
                await insert.ExecuteNonQueryAsync(cancellationToken);
            }

            return await context.NotificationAnalytics
                .FromSql($"SELECT * FROM notification_analytics WHERE notification_id = ANY({ids}) ORDER BY notification_id FOR UPDATE")
                .ToDictionaryAsync(s => s.NotificationId, cancellationToken);
        }

        var states = await context.NotificationAnalytics.Where(s => ids.Contains(s.NotificationId)).ToDictionaryAsync(s => s.NotificationId, cancellationToken);
        foreach (var target in targets.Where(t => !states.ContainsKey(t.Id)))
        {
            var state = new NotificationAnalyticsRecord { NotificationId = target.Id, ServiceId = target.ServiceId, TemplateId = target.TemplateId };
            context.NotificationAnalytics.Add(state);
            states[target.Id] = state;
        }

        return states;
    }

    /// <summary>Suppresses the addresses; one already suppressed keeps its first reason.</summary>
    private async Task SuppressAsync(HeraldDbContext context, IDbContextTransaction transaction, List<SuppressionRecord> suppressions, CancellationToken cancellationToken)
    {
        var rows = suppressions.DistinctBy(s => (s.ServiceId, s.Address)).ToList();
        if (database.Provider == DatabaseProvider.Postgres)
        {
            await using var command = new NpgsqlCommand("""
                INSERT INTO suppressions (service_id, address, reason, notification_id, created_at)
                SELECT * FROM unnest(@service_ids, @addresses, @reasons, @notification_ids, @created_ats)
                ON CONFLICT DO NOTHING
                """, (NpgsqlConnection)context.Database.GetDbConnection(), (NpgsqlTransaction)transaction.GetDbTransaction());
            command.Parameters.Add(new NpgsqlParameter<Guid[]>("service_ids", [.. rows.Select(r => r.ServiceId)]));
            command.Parameters.Add(new NpgsqlParameter<string[]>("addresses", [.. rows.Select(r => r.Address)]));
            command.Parameters.Add(new NpgsqlParameter<string[]>("reasons", [.. rows.Select(r => r.Reason)]));
            command.Parameters.Add(new NpgsqlParameter<Guid[]>("notification_ids", [.. rows.Select(r => r.NotificationId)]));
            command.Parameters.Add(new NpgsqlParameter<DateTime[]>("created_ats", [.. rows.Select(r => DateTime.SpecifyKind(r.CreatedAt, DateTimeKind.Utc))]));
            await command.ExecuteNonQueryAsync(cancellationToken);
            return;
        }

        await using var insert = (SqliteCommand)context.Database.GetDbConnection().CreateCommand();
        insert.Transaction = (SqliteTransaction)transaction.GetDbTransaction();
        insert.CommandText = """
            INSERT INTO suppressions (service_id, address, reason, notification_id, created_at)
            VALUES ($service_id, $address, $reason, $notification_id, $created_at)
            ON CONFLICT DO NOTHING
            """;
        var serviceId = insert.Parameters.Add("$service_id", SqliteType.Text);
        var address = insert.Parameters.Add("$address", SqliteType.Text);
        var reason = insert.Parameters.Add("$reason", SqliteType.Text);
        var notificationId = insert.Parameters.Add("$notification_id", SqliteType.Text);
        var createdAt = insert.Parameters.Add("$created_at", SqliteType.Text);
        foreach (var row in rows)
        {
            serviceId.Value = row.ServiceId.ToString().ToUpperInvariant();
            address.Value = row.Address;
            reason.Value = row.Reason;
            notificationId.Value = row.NotificationId.ToString().ToUpperInvariant();
            createdAt.Value = row.CreatedAt;
            await insert.ExecuteNonQueryAsync(cancellationToken);
        }
    }
}
