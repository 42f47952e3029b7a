using Cronos;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Herald.Queue.Periodic;

/// <summary>
/// Enqueues each periodic task once per cron slot. Every node runs a scheduler; the slot is taken
/// by moving the task's last_slot forward with a conditional write, so exactly one node enqueues it.
/// A slot missed while every node was down is run once when a scheduler next starts.
/// </summary>
internal sealed class PeriodicScheduler : BackgroundService
{
    private readonly IQueueStore _store;
    private readonly TimeProvider _time;
    private readonly ILogger<PeriodicScheduler> _logger;
    private readonly IReadOnlyList<(PeriodicTask Task, CronExpression Cron)> _tasks;
    private readonly DateTimeOffset _startedAt;

    public PeriodicScheduler(IQueueStore store, IEnumerable<PeriodicTask> tasks, IOptions<PeriodicOptions> options, TimeProvider time, ILogger<PeriodicScheduler> logger)
    {
        _store = store;
        _time = time;
        _logger = logger;
        _startedAt = time.GetUtcNow();
        _tasks = [.. tasks
            .Select(t => options.Value.Schedules.TryGetValue(t.Name, out var cron) ? t with { Cron = cron } : t)
            .Where(t => !string.Equals(t.Cron, "off", StringComparison.OrdinalIgnoreCase))
            .Select(t => (t, ParseCron(t)))];
    }

    public static CronExpression ParseCron(PeriodicTask task)
    {
        var fields = task.Cron.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length;
        return CronExpression.Parse(task.Cron, fields == 6 ? CronFormat.IncludeSeconds : CronFormat.Standard);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (_tasks.Count == 0)
        {
            return;
        }

        while (!stoppingToken.IsCancellationRequested)
        {
            await RunDueAsync(stoppingToken);
            var now = _time.GetUtcNow();
            var next = _tasks
                .Select(t => t.Cron.GetNextOccurrence(now.UtcDateTime, TimeZoneInfo.Utc))
                .Where(n => n.HasValue)
                .Select(n => n!.Value)
                .DefaultIfEmpty(now.UtcDateTime.AddHours(1))
                .Min();
            try
            {
                var wait = new DateTimeOffset(next, TimeSpan.Zero) - now;
                await Task.Delay(wait > TimeSpan.Zero ? wait : TimeSpan.FromMilliseconds(1), _time, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    /// <summary>Enqueues the latest due slot of every task not yet taken by any scheduler; returns how many this one took.</summary>
    internal async Task<int> RunDueAsync(CancellationToken cancellationToken)
    {
        var taken = 0;
        var now = _time.GetUtcNow();
        foreach (var (task, cron) in _tasks)
        {
            DateTimeOffset? slot = null;
            try
            {
                var last = await _store.GetLastPeriodicSlotAsync(task.Name, cancellationToken);
                var from = last is { } l ? DateTimeOffset.FromUnixTimeMilliseconds(l) : _startedAt;
                slot = LatestSlot(cron, from, now);
                if (slot is not { } s)
                {
                    continue;
                }

                var slotMs = s.ToUnixTimeMilliseconds();
                var item = new NewQueueItem(task.Kind, task.Payload, DedupKey: $"periodic:{task.Name}:{slotMs}", Reference: task.Name);
                if (await _store.TryTakePeriodicSlotAsync(task.Name, slotMs, item, now.ToUnixTimeMilliseconds(), cancellationToken))
                {
                    taken++;
                    Log.PeriodicEnqueued(_logger, task.Name, s);
                }
                else
                {
                    Log.PeriodicAlreadyTaken(_logger, task.Name, s);
                }
            }
            catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
            {
                Log.PeriodicFailed(_logger, ex, task.Name, slot ?? now);
            }
        }

        return taken;
    }

    private static DateTimeOffset? LatestSlot(CronExpression cron, DateTimeOffset after, DateTimeOffset now)
    {
        DateTime? latest = null;
        foreach (var occurrence in cron.GetOccurrences(after.UtcDateTime, now.UtcDateTime, TimeZoneInfo.Utc, fromInclusive: false, toInclusive: true))
        {
            latest = occurrence;
        }

        return latest is { } l ? new DateTimeOffset(l, TimeSpan.Zero) : null;
    }
}
