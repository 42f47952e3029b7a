using Herald.Queue;
using Herald.Services;
using Herald.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.Options;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Herald.Notifications;

/// <summary>
/// The one home of a notification's status after it is created: delivery, the simulator, the
/// stuck checks and receipts all change it here. A status moves only while it may still change
/// (created, sending, pending, sent): a late <c>delivered</c> never overwrites a permanent
/// failure. A final status queues the service's delivery_status callback in the same transaction.
/// </summary>
public sealed partial class NotificationStatusUpdater(
    HeraldDatabase database, QueueWriter queue, ServiceDirectory services, IOptions<NotificationStatusOptions> options, ILogger<NotificationStatusUpdater> logger)
{
    private const int MaxSentGroup = 500;

    private static readonly string[] Changeable = [NotificationStatus.Created, NotificationStatus.Sending, NotificationStatus.Pending, NotificationStatus.Sent];

    // A provider's word that a message is still on its way (sending, pending) is older news than
    // sent: it moves nothing that is sent already.
    private static readonly string[] ChangeableToInFlight = [NotificationStatus.Created, NotificationStatus.Sending, NotificationStatus.Pending];
    private static readonly string[] Final = [.. NotificationStatus.All.Where(NotificationStatus.IsFinal)];

    private readonly GroupedCalls<SentNotification, bool> _sent = new(group => RecordSentGroupAsync(database, queue, services, group), MaxSentGroup, resumeCallersInline: true, gather: options.Value.SentRecordGather);

    /// <summary>
    /// Records that a provider accepted the notification: <c>sending</c> (<c>sent</c> for an
    /// international SMS) with the provider and its reference, or <c>delivered</c> at once when the
    /// provider confirmed delivery. Guarded like
    /// <see cref="ApplyAsync"/>, and a final status queues the delivery_status callback in the same
    /// transaction, as does the removal of its queue item when it names one. Concurrent calls share
    /// one transaction (group commit); the task completes once this notification's row is
    /// committed. False (logged at info) when it already had a final status.
    /// </summary>
    public async Task<bool> RecordSentAsync(SentNotification sent)
    {
        var changed = await _sent.CallAsync(sent);
        if (!changed)
        {
            LogIgnored(logger, sent.Id, sent.Status);
        }

        return changed;
    }

    /// <summary>
    /// Applies the status; false (logged at info) when the notification already had a final status,
    /// or, for <c>sending</c> or <c>pending</c>, was already <c>sent</c>.
    /// </summary>
    public async Task<bool> ApplyAsync(Guid notificationId, string status, DateTime at, CancellationToken cancellationToken)
    {
        await using var context = database.CreateContext();
        await using var transaction = await context.Database.BeginTransactionAsync(cancellationToken);
        if (!await ApplyAsync(context, notificationId, status, at, cancellationToken))
        {
            return false;
        }

        await transaction.CommitAsync(cancellationToken);
        return true;
    }

    /// <summary>Applies the status inside the transaction the caller has open on <paramref name="context"/>.</summary>
    public async Task<bool> ApplyAsync(HeraldDbContext context, Guid notificationId, string status, DateTime at, CancellationToken cancellationToken)
    {
        var final = NotificationStatus.IsFinal(status);
        var from = final ? Changeable : ChangeableToInFlight;
        var changed = await context.Notifications
            .Where(n => n.Id == notificationId && from.Contains(n.Status))
            .ExecuteUpdateAsync(s => s
                .SetProperty(n => n.Status, status)
                .SetProperty(n => n.CompletedAt, n => final ? at : n.CompletedAt), cancellationToken);
        if (changed == 0)
        {
            LogIgnored(logger, notificationId, status);
            return false;
        }

        // A final status is the service's to hear about, technical failures included.
        if (final && await context.Notifications.Where(n => n.Id == notificationId)
                .Join(context.ServiceCallbacks.Where(c => c.Kind == CallbackKinds.DeliveryStatus), n => n.ServiceId, c => c.ServiceId, (n, c) => c)
                .AnyAsync(cancellationToken))
        {
            var id = notificationId.ToString();
            await queue.EnqueueAsync(context, new NewQueueItem(CallbackKinds.QueueKind, id, Reference: id), cancellationToken);
        }

        return true;
    }

    /// <summary>
    /// Marks a created notification as <c>sending</c> through <paramref name="provider"/> inside the
    /// caller's transaction (the simulator queues its receipt in the same commit); false when it
    /// was no longer created.
    /// </summary>
    public async Task<bool> ApplySendingAsync(HeraldDbContext context, Guid notificationId, string provider, string reference, DateTime at, CancellationToken cancellationToken)
    {
        var changed = await context.Notifications
            .Where(n => n.Id == notificationId && n.Status == NotificationStatus.Created)
            .ExecuteUpdateAsync(s => s
                .SetProperty(n => n.Status, NotificationStatus.Sending)
                .SetProperty(n => n.SentAt, at)
                .SetProperty(n => n.ProviderName, provider)
                .SetProperty(n => n.ProviderReference, reference), cancellationToken);
        if (changed == 0)
        {
            LogIgnored(logger, notificationId, NotificationStatus.Sending);
        }

        return changed > 0;
    }

    private static async Task<IReadOnlyList<bool>> RecordSentGroupAsync(
        HeraldDatabase database, QueueWriter queue, ServiceDirectory services, IReadOnlyList<SentNotification> group)
    {
        // A notification delivered at once has a final status: its service may want to hear of it.
        // Which services listen comes from the service cache, as on the accept side (a callback
        // registered on another node counts here within ServiceDirectory.CacheFor).
        var listening = new HashSet<Guid>();
        foreach (var serviceId in group.Where(s => s.DeliveredAt is not null).Select(s => s.ServiceId).Distinct())
        {
            if ((await services.FindAsync(serviceId, CancellationToken.None))?.CallbackKinds.Contains(CallbackKinds.DeliveryStatus) == true)
            {
                listening.Add(serviceId);
            }
        }

        await using var context = database.CreateContext();
        context.Database.AutoSavepointsEnabled = false;
        await using var transaction = await context.Database.BeginTransactionAsync(CancellationToken.None);
        var changed = database.Provider == DatabaseProvider.Postgres
            ? await UpdateSentPostgresAsync(context, transaction, group)
            : await UpdateSentSqliteAsync(context, transaction, group);

        var parts = group.Where(s => s.Parts is { Count: > 1 } && changed.Contains(s.Id))
            .SelectMany(s => s.Parts!.Select((reference, i) => new NotificationPartRecord { NotificationId = s.Id, Part = i + 1, Reference = reference }))
            .ToList();
        if (parts.Count > 0)
        {
            // Sent again (a worker died after the provider accepted): the latest send's parts are the ones receipts will name.
            var resent = parts.Select(p => p.NotificationId).Distinct().ToList();
            await context.NotificationParts.Where(p => resent.Contains(p.NotificationId)).ExecuteDeleteAsync(CancellationToken.None);
            context.NotificationParts.AddRange(parts);
            await context.SaveChangesAsync(CancellationToken.None);
        }

        var callbacks = group.Where(s => s.DeliveredAt is not null && listening.Contains(s.ServiceId) && changed.Contains(s.Id))
            .Select(s => new NewQueueItem(CallbackKinds.QueueKind, s.Id.ToString(), Reference: s.Id.ToString())).ToList();
        if (callbacks.Count > 0)
        {
            await queue.EnqueueAsync(context, callbacks, CancellationToken.None);
        }

        await queue.CompleteAsync(context, [.. group.Where(s => s.QueueItemId is not null).Select(s => s.QueueItemId!.Value)], CancellationToken.None);

        await transaction.CommitAsync(CancellationToken.None);
        return [.. group.Select(s => changed.Contains(s.Id))];
    }

    /// <summary>
    /// One guarded UPDATE per row, prepared once for the group (SQLite runs in process: a statement
    /// is no round trip). Values are bound as EF Core stores them: GUIDs as upper-case text, times as
    /// <c>yyyy-MM-dd HH:mm:ss.FFFFFFF</c> text.
    /// </summary>
    private static async Task<HashSet<Guid>> UpdateSentSqliteAsync(HeraldDbContext context, IDbContextTransaction transaction, IReadOnlyList<SentNotification> group)
    {
        await using var command = (SqliteCommand)context.Database.GetDbConnection().CreateCommand();
        command.Transaction = (SqliteTransaction)transaction.GetDbTransaction();
        command.CommandText = """
            UPDATE notifications
            SET status = $status, sent_at = $sent_at, provider_name = $provider, provider_reference = $reference,
                completed_at = coalesce($delivered_at, completed_at)
            WHERE id = $id AND status IN ($created, $sending, $pending, $sent)
            """;
        var id = command.Parameters.Add("$id", SqliteType.Text);
        var status = command.Parameters.Add("$status", SqliteType.Text);
        var sentAt = command.Parameters.Add("$sent_at", SqliteType.Text);
        var provider = command.Parameters.Add("$provider", SqliteType.Text);
        var reference = command.Parameters.Add("$reference", SqliteType.Text);
        var deliveredAt = command.Parameters.Add("$delivered_at", SqliteType.Text);
        command.Parameters.AddWithValue("$created", NotificationStatus.Created);
        command.Parameters.AddWithValue("$sending", NotificationStatus.Sending);
        command.Parameters.AddWithValue("$pending", NotificationStatus.Pending);
        command.Parameters.AddWithValue("$sent", NotificationStatus.Sent);
        var changed = new HashSet<Guid>();
        foreach (var sent in group)
        {
            id.Value = sent.Id.ToString().ToUpperInvariant();
            status.Value = sent.Status;
            sentAt.Value = sent.SentAt;
            provider.Value = sent.Provider;
            reference.Value = sent.Reference;
            deliveredAt.Value = sent.DeliveredAt is { } at ? at : DBNull.Value;
            if (await command.ExecuteNonQueryAsync(CancellationToken.None) > 0)
            {
                changed.Add(sent.Id);
            }
        }

        return changed;
    }

    /// <summary>
    /// The whole group in one guarded UPDATE from arrays. The guard names the final statuses with
    /// <c>&lt;&gt; ALL</c>, which no index serves, on purpose: on a table just filled, before
    /// autovacuum has analysed it, the planner took <c>status = ANY(changeable)</c> for a few rows
    /// and scanned every in-flight notification through the status index for each group.
    /// </summary>
    private static async Task<HashSet<Guid>> UpdateSentPostgresAsync(HeraldDbContext context, IDbContextTransaction transaction, IReadOnlyList<SentNotification> group)
    {
        await using var command = new NpgsqlCommand("""
            UPDATE notifications n
            SET status = s.status, sent_at = s.sent_at, provider_name = s.provider, provider_reference = s.reference,
                completed_at = COALESCE(s.delivered_at, n.completed_at)
            FROM unnest(@ids, @statuses, @sent_ats, @providers, @references, @delivered_ats) AS s(id, status, sent_at, provider, reference, delivered_at)
            WHERE n.id = s.id AND n.status <> ALL(@final)
            RETURNING n.id
            """, (NpgsqlConnection)context.Database.GetDbConnection(), (NpgsqlTransaction)transaction.GetDbTransaction());
        command.Parameters.Add(new NpgsqlParameter<Guid[]>("ids", [.. group.Select(s => s.Id)]));
        command.Parameters.Add(new NpgsqlParameter<string[]>("statuses", [.. group.Select(s => s.Status)]));
        command.Parameters.Add(new NpgsqlParameter<DateTime[]>("sent_ats", [.. group.Select(s => DateTime.SpecifyKind(s.SentAt, DateTimeKind.Utc))]));
        command.Parameters.Add(new NpgsqlParameter<string[]>("providers", [.. group.Select(s => s.Provider)]));
        command.Parameters.Add(new NpgsqlParameter<string[]>("references", [.. group.Select(s => s.Reference)]));
        command.Parameters.Add(new NpgsqlParameter<DateTime?[]>("delivered_ats",
            [.. group.Select(s => s.DeliveredAt is { } at ? DateTime.SpecifyKind(at, DateTimeKind.Utc) : (DateTime?)null)]));
        command.Parameters.Add(new NpgsqlParameter<string[]>("final", Final));
        var changed = new HashSet<Guid>();
        await using var reader = await command.ExecuteReaderAsync(CancellationToken.None);
        while (await reader.ReadAsync(CancellationToken.None))
        {
            changed.Add(reader.GetGuid(0));
        }

        return changed;
    }

    [LoggerMessage(3101, LogLevel.Information, "Status {Status} for notification {NotificationId} ignored: its status has moved past it (a final status, or sent) — a duplicate or late receipt")]
    private static partial void LogIgnored(ILogger logger, Guid notificationId, string status);
}
