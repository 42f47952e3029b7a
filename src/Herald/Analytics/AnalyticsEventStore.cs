using Herald.Callbacks;
using Herald.Notifications;
using Herald.Providers.Instances;
using Herald.Queue;
using Herald.Services;
using Herald.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace Herald.Analytics;

/// <summary>
/// Stores provider events by the storage rules (<see cref="AnalyticsState"/>), a batch at a time
/// and set-based: one query finds the batch's notifications, one statement stores the events
/// (each provider event id once: a repeat changes nothing), one locks and reads their analytics,
/// one writes them back, and the status changes, suppressions, complaints and their callbacks
/// follow in the same transaction. Webhooks and the fetch loops both come here, so both give the
/// same state whatever the order the events arrive in.
/// </summary>
public sealed partial class AnalyticsEventStore(
    HeraldDatabase database, ProviderDirectory providers, NotificationStatusUpdater statuses, QueueWriter queue, AnalyticsMetrics metrics, TimeProvider time,
    ILogger<AnalyticsEventStore> logger)
{
    public async Task<StoredEvents> StoreAsync(IReadOnlyList<ProviderEvent> batch, CancellationToken cancellationToken)
    {
        var events = batch.Where(e => AnalyticsEventTypes.IsKnown(e.Type))
            .DistinctBy(e => (e.Provider, e.EventId)).ToList();
        if (events.Count == 0)
        {
            return new StoredEvents(0, batch.Count, 0);
        }

        await using var context = database.CreateContext();
        var found = await ResolveAsync(context, events, cancellationToken);
        var known = new List<(ProviderEvent Event, Target Target)>(events.Count);
        foreach (var e in events)
        {
            if (Find(found, e) is { } target)
            {
                known.Add((e, target));
            }
            else
            {
                metrics.Event(e.Type, "unknown");
            }
        }

        var unknown = events.Count - known.Count;
        if (unknown > 0)
        {
            LogUnknown(logger, unknown, events.Count);
        }

        if (known.Count == 0)
        {
            return new StoredEvents(0, batch.Count - events.Count, unknown);
        }

        context.Database.AutoSavepointsEnabled = false;
        await using var transaction = await context.Database.BeginTransactionAsync(cancellationToken);
        var now = time.GetUtcNow().UtcDateTime;
        var fresh = database.Provider == DatabaseProvider.Postgres
            ? await InsertEventsPostgresAsync(context, transaction, known, now, cancellationToken)
            : await InsertEventsSqliteAsync(context, transaction, known, now, cancellationToken);
        var applied = known.Where(k => fresh.Contains((k.Event.Provider, k.Event.EventId))).ToList();
        if (applied.Count > 0)
        {
            await ApplyAsync(context, transaction, applied, now, cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        foreach (var group in applied.GroupBy(a => a.Event.Type))
        {
            metrics.Event(group.Key, "stored", group.Count());
        }

        foreach (var group in known.Where(k => !fresh.Contains((k.Event.Provider, k.Event.EventId))).GroupBy(a => a.Event.Type))
        {
            metrics.Event(group.Key, "duplicate", group.Count());
        }

        return new StoredEvents(applied.Count, batch.Count - events.Count + (known.Count - applied.Count), unknown);
    }

    private async Task ApplyAsync(HeraldDbContext context, IDbContextTransaction transaction, List<(ProviderEvent Event, Target Target)> applied, DateTime now, CancellationToken cancellationToken)
    {
        var targets = applied.Select(a => a.Target).DistinctBy(t => t.Id).OrderBy(t => t.Id).ToList();
        var states = await LockStatesAsync(context, transaction, targets, cancellationToken);
        var changes = new List<StatusChange>();
        var suppress = new List<SuppressionRecord>();
        var complaints = new List<(Target Target, DateTime At)>();

        // In the order they happened, so that a batch holding a whole story reads it as it was told.
        foreach (var (e, target) in applied.OrderBy(a => a.Event.OccurredAt).ThenBy(a => a.Event.EventId, StringComparer.Ordinal))
        {
            var effect = AnalyticsState.Apply(states[target.Id], e);
            if (effect.HasFlag(AnalyticsEffect.Delivered))
            {
                changes.Add(new StatusChange(target.Id, NotificationStatus.Delivered, e.OccurredAt));
            }

            if (effect.HasFlag(AnalyticsEffect.PermanentFailure))
            {
                changes.Add(new StatusChange(target.Id, NotificationStatus.PermanentFailure, e.OccurredAt, OverDelivered: true));
            }

            if (effect.HasFlag(AnalyticsEffect.Complaint))
            {
                complaints.Add((target, e.OccurredAt));
            }

            if (effect.HasFlag(AnalyticsEffect.Suppress))
            {
                var reason = e.Type switch
                {
                    AnalyticsEventTypes.Unsubscribed => SuppressionReasons.Unsubscribed,
                    AnalyticsEventTypes.Complained => SuppressionReasons.Complained,
                    _ => SuppressionReasons.PermanentBounce,
                };
                suppress.Add(new SuppressionRecord { ServiceId = target.ServiceId, Address = target.Address, Reason = reason, NotificationId = target.Id, CreatedAt = now });
            }
        }

        await context.SaveChangesAsync(cancellationToken);
        await statuses.ApplyManyAsync(context, transaction, changes, cancellationToken);
        if (suppress.Count > 0)
        {
            await SuppressAsync(context, transaction, suppress, cancellationToken);
        }

        if (complaints.Count > 0)
        {
            await ComplainAsync(context, complaints, now, cancellationToken);
        }
    }

    /// <summary>The complaint record (once per notification) and the service's complaint callback, as the receipts path keeps them.</summary>
    private async Task ComplainAsync(HeraldDbContext context, List<(Target Target, DateTime At)> complaints, DateTime now, CancellationToken cancellationToken)
    {
        var ids = complaints.Select(c => c.Target.Id).Distinct().ToList();
        var recorded = (await context.Complaints.Where(c => ids.Contains(c.NotificationId)).Select(c => c.NotificationId).ToListAsync(cancellationToken)).ToHashSet();
        var records = complaints.Where(c => !recorded.Contains(c.Target.Id)).DistinctBy(c => c.Target.Id)
            .Select(c => new ComplaintRecord
            {
                Id = Guid.CreateVersion7(time.GetUtcNow()), NotificationId = c.Target.Id, ServiceId = c.Target.ServiceId,
                ComplaintType = AnalyticsEventTypes.Complained, ComplaintDate = c.At, CreatedAt = now,
            }).ToList();
        if (records.Count == 0)
        {
            return;
        }

        context.Complaints.AddRange(records);
        await context.SaveChangesAsync(cancellationToken);
        var serviceIds = records.Select(r => r.ServiceId).Distinct().ToList();
        var listening = (await context.ServiceCallbacks.Where(c => c.Kind == CallbackKinds.Complaint && serviceIds.Contains(c.ServiceId))
            .Select(c => c.ServiceId).Distinct().ToListAsync(cancellationToken)).ToHashSet();
        var callbacks = records.Where(r => listening.Contains(r.ServiceId))
            .Select(r => new NewQueueItem(CallbackSender.KindName, CallbackKinds.Payload(CallbackKinds.Complaint, r.Id))).ToList();
        if (callbacks.Count > 0)
        {
            await queue.EnqueueAsync(context, callbacks, cancellationToken);
        }

        foreach (var record in records)
        {
            LogComplaint(logger, record.NotificationId);
        }
    }

    /// <summary>The batch's notifications, found by our id (the user variable) or by the provider's message id among that provider type's instances.</summary>
    private async Task<List<Target>> ResolveAsync(HeraldDbContext context, List<ProviderEvent> events, CancellationToken cancellationToken)
    {
        var ids = events.Where(e => e.NotificationId is not null).Select(e => e.NotificationId!.Value).Distinct().ToList();
        var references = events.Where(e => e.MessageId is { Length: > 0 }).Select(e => e.MessageId!).Distinct().ToList();
        var types = events.Select(e => e.Provider).Distinct().ToList();
        var names = (await providers.CurrentAsync(cancellationToken)).All.Where(i => types.Contains(i.Type)).Select(i => i.Name).ToList();
        return await context.Notifications
            .Where(n => ids.Contains(n.Id) || (references.Contains(n.ProviderReference!) && names.Contains(n.ProviderName!)))
            .Select(n => new Target(n.Id, n.ServiceId, n.TemplateId, n.ProviderReference, n.NormalisedTo))
            .ToListAsync(cancellationToken);
    }

    private static Target? Find(List<Target> found, ProviderEvent e) =>
        (e.NotificationId is { } id ? found.FirstOrDefault(t => t.Id == id) : null)
        ?? (e.MessageId is { Length: > 0 } reference ? found.FirstOrDefault(t => t.Reference == reference) : null);

    /// <summary>A notification the batch's events are about.</summary>
    private sealed record Target(Guid Id, Guid ServiceId, Guid TemplateId, string? Reference, string Address);

    [LoggerMessage(9101, LogLevel.Information, "{Unknown} of {Count} provider events name no notification Herald knows; dropped")]
    private static partial void LogUnknown(ILogger logger, int unknown, int count);

    [LoggerMessage(9102, LogLevel.Warning, "Complaint about notification {NotificationId} (from the provider's events)")]
    private static partial void LogComplaint(ILogger logger, Guid notificationId);
}
