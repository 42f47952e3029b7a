using System.Diagnostics.Metrics;
using Herald.Notifications;
using Herald.Providers.Instances;
using Herald.Queue;
using Herald.Queue.Periodic;
using Herald.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Herald.Providers.Switching;

/// <summary>
/// Moves weight between a channel's active providers (delivery.md): away from one whose recent
/// notifications are slow or whose calls fail, and back toward the resting weights once things
/// are quiet. Guard windows after any change (manual ones too) keep it from flapping. Runs as
/// periodic tasks: the shift checks every minute, the drift every five.
/// </summary>
public sealed partial class ProviderSwitcher(
    HeraldDatabase database,
    ProviderDirectory directory,
    IOptions<SwitchingOptions> options,
    IMeterFactory meterFactory,
    TimeProvider time,
    ILogger<ProviderSwitcher> logger) : IQueueHandler
{
    public const string KindName = "providers.switch";
    public const string ChangedBy = "automatic";

    public static readonly PeriodicTask ShiftSchedule = new("providers.shift", "* * * * *", KindName, "shift");
    public static readonly PeriodicTask DriftSchedule = new("providers.drift", "*/5 * * * *", KindName, "drift");

    private readonly Counter<long> _switches = meterFactory.Create(NotificationMetrics.MeterName)
        .CreateCounter<long>("herald.provider.switches", "{change}", "Automatic provider weight changes, by channel and kind (slow-delivery, error-rate, drift).");

    public string Kind => KindName;

    public async Task<QueueHandlerResult> HandleAsync(QueueItem item, CancellationToken cancellationToken)
    {
        foreach (var channel in options.Value.Channels)
        {
            if (item.Payload == "drift")
            {
                await DriftAsync(channel, cancellationToken);
            }
            else
            {
                await ShiftAsync(channel, cancellationToken);
            }
        }

        await ForgetOldErrorCountsAsync(cancellationToken);
        return QueueHandlerResult.Completed;
    }

    /// <summary>One error-rate or slow-delivery shift for <paramref name="channel"/> if one is due; the reason, or null.</summary>
    public async Task<string?> ShiftAsync(string channel, CancellationToken cancellationToken)
    {
        var o = options.Value;
        var now = time.GetUtcNow().UtcDateTime;
        await using var context = database.CreateContext();
        var providers = await context.ProviderInstances.Where(p => p.Channel == channel).ToListAsync(cancellationToken);
        var active = providers.Where(p => p.Active).ToList();
        if (active.Count < 2)
        {
            return null;
        }

        var sinceLastChange = now - providers.Max(p => p.UpdatedAt);
        string? reason = null;
        if (sinceLastChange >= o.ErrorGuard)
        {
            reason = await ErrorShiftAsync(context, active, now, cancellationToken);
        }

        if (reason is null && sinceLastChange >= o.SlowGuard)
        {
            reason = await SlowShiftAsync(context, active, now, cancellationToken);
        }

        if (reason is not null)
        {
            await SaveAsync(context, cancellationToken);
        }

        return reason;
    }

    /// <summary>Moves each provider one step toward its resting weight, once nothing but drift has changed for a while.</summary>
    public async Task<bool> DriftAsync(string channel, CancellationToken cancellationToken)
    {
        var o = options.Value;
        var now = time.GetUtcNow().UtcDateTime;
        await using var context = database.CreateContext();
        var providers = await context.ProviderInstances.Where(p => p.Channel == channel).ToListAsync(cancellationToken);
        var ids = providers.Select(p => p.Id).ToList();
        var lastChange = await context.ProviderInstanceVersions
            .Where(v => ids.Contains(v.ProviderId) && v.Kind != ProviderChangeKinds.Drift)
            .MaxAsync(v => (DateTime?)v.ChangedAt, cancellationToken);
        if (lastChange is null || now - lastChange < o.DriftAfter)
        {
            return false;
        }

        var drifted = false;
        foreach (var provider in providers.Where(p => p.Priority != p.RestingPriority))
        {
            var from = provider.Priority;
            provider.Priority = provider.Priority < provider.RestingPriority
                ? Math.Min(provider.RestingPriority, provider.Priority + o.Step)
                : Math.Max(provider.RestingPriority, provider.Priority - o.Step);
            var reason = $"drift back toward resting weight {provider.RestingPriority}: {from} → {provider.Priority}";
            ProviderChanges.Record(context, provider, ChangedBy, ProviderChangeKinds.Drift, reason, false, now);
            LogChanged(logger, channel, provider.Name, reason);
            _switches.Add(1, new("channel", channel), new("kind", ProviderChangeKinds.Drift));
            drifted = true;
        }

        if (drifted)
        {
            await SaveAsync(context, cancellationToken);
        }

        return drifted;
    }

    private async Task<string?> ErrorShiftAsync(HeraldDbContext context, List<ProviderInstanceRecord> active, DateTime now, CancellationToken cancellationToken)
    {
        var o = options.Value;
        var since = ProviderErrorCounter.BucketOf(new DateTimeOffset(now - o.ErrorWindow, TimeSpan.Zero));
        var ids = active.Select(p => p.Id).ToList();
        var counts = await context.ProviderErrorCounts
            .Where(c => ids.Contains(c.ProviderId) && c.Bucket >= since)
            .GroupBy(c => c.ProviderId)
            .Select(g => new { ProviderId = g.Key, Errors = g.Sum(c => c.Count) })
            .ToDictionaryAsync(c => c.ProviderId, c => c.Errors, cancellationToken);
        int Errors(ProviderInstanceRecord p) => counts.GetValueOrDefault(p.Id);

        var failing = active.Where(p => Errors(p) > o.ErrorThreshold && p.Priority > 0).OrderByDescending(Errors).FirstOrDefault();
        var healthy = active.Where(p => Errors(p) <= o.ErrorThreshold && p.Priority < 100).OrderBy(Errors).ThenByDescending(p => p.Priority).FirstOrDefault();
        return failing is null || healthy is null
            ? null
            : Move(context, failing, healthy, ProviderChangeKinds.ErrorRate,
                $"{failing.Name} failed {Errors(failing)} calls in the last {o.ErrorWindow.TotalSeconds:0} s (threshold {o.ErrorThreshold}); {healthy.Name} failed {Errors(healthy)}", now);
    }

    private async Task<string?> SlowShiftAsync(HeraldDbContext context, List<ProviderInstanceRecord> active, DateTime now, CancellationToken cancellationToken)
    {
        var o = options.Value;
        var since = now - o.SlowWindow;
        var stuckBefore = now - o.SlowAfter;
        var slowSeconds = o.SlowAfter.TotalSeconds;
        var speeds = new Dictionary<Guid, (int Total, int Slow)>();
        foreach (var provider in active)
        {
            var recent = context.Notifications.Where(n => n.ProviderName == provider.Name && n.SentAt >= since);
            var total = await recent.CountAsync(cancellationToken);
            var slow = total == 0 ? 0 : await recent.CountAsync(n =>
                ((n.Status == NotificationStatus.Sending || n.Status == NotificationStatus.Pending) && n.SentAt <= stuckBefore)
                || (n.Status == NotificationStatus.Delivered && n.CompletedAt >= n.SentAt!.Value.AddSeconds(slowSeconds)), cancellationToken);
            speeds[provider.Id] = (total, slow);
        }

        double Ratio(ProviderInstanceRecord p) => speeds[p.Id].Total == 0 ? 0 : (double)speeds[p.Id].Slow / speeds[p.Id].Total;
        bool IsSlow(ProviderInstanceRecord p) => speeds[p.Id].Total >= o.SlowMinimumNotifications && Ratio(p) >= o.SlowRatio;

        var slowest = active.Where(p => IsSlow(p) && p.Priority > 0).OrderByDescending(Ratio).FirstOrDefault();
        var fastest = active.Where(p => !IsSlow(p) && p.Priority < 100).OrderBy(Ratio).ThenByDescending(p => p.Priority).FirstOrDefault();
        return slowest is null || fastest is null
            ? null
            : Move(context, slowest, fastest, ProviderChangeKinds.SlowDelivery,
                $"{speeds[slowest.Id].Slow} of {speeds[slowest.Id].Total} notifications sent by {slowest.Name} in the last {o.SlowWindow.TotalMinutes:0} minutes took {o.SlowAfter.TotalMinutes:0} minutes or more ({Ratio(slowest):P0}); {fastest.Name}: {Ratio(fastest):P0}", now);
    }

    private string? Move(HeraldDbContext context, ProviderInstanceRecord from, ProviderInstanceRecord to, string kind, string why, DateTime now)
    {
        var points = Math.Min(options.Value.Step, Math.Min(from.Priority, 100 - to.Priority));
        if (points <= 0)
        {
            return null;
        }

        from.Priority -= points;
        to.Priority += points;
        var reason = $"{points} points from {from.Name} to {to.Name}: {why}";
        ProviderChanges.Record(context, from, ChangedBy, kind, reason, false, now);
        ProviderChanges.Record(context, to, ChangedBy, kind, reason, false, now);
        LogChanged(logger, from.Channel, from.Name, reason);
        _switches.Add(1, new("channel", from.Channel), new("kind", kind));
        return reason;
    }

    private async Task SaveAsync(HeraldDbContext context, CancellationToken cancellationToken)
    {
        try
        {
            await context.SaveChangesAsync(cancellationToken);
            directory.Invalidate();
        }
        catch (DbUpdateConcurrencyException)
        {
            // An operator changed a provider meanwhile; theirs stands and the guard window starts again.
            LogLostRace(logger);
        }
    }

    private async Task ForgetOldErrorCountsAsync(CancellationToken cancellationToken)
    {
        var before = ProviderErrorCounter.BucketOf(time.GetUtcNow() - TimeSpan.FromHours(1));
        await using var context = database.CreateContext();
        await context.ProviderErrorCounts.Where(c => c.Bucket < before).ExecuteDeleteAsync(cancellationToken);
    }

    [LoggerMessage(9010, LogLevel.Warning, "Provider weights of {Channel} changed at {ProviderName}: {Reason}")]
    private static partial void LogChanged(ILogger logger, string channel, string providerName, string reason);

    [LoggerMessage(9011, LogLevel.Information, "Automatic provider change dropped: a provider was changed by someone else at the same time")]
    private static partial void LogLostRace(ILogger logger);
}
