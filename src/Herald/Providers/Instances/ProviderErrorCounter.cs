using System.Collections.Concurrent;
using Herald.Storage;
using Microsoft.EntityFrameworkCore;

namespace Herald.Providers.Instances;

/// <summary>
/// Counts failed provider calls in 10-second buckets shared by every node, for the error-rate
/// shift. Calls are counted in memory and added to the database every <see cref="FlushInterval"/>,
/// so a provider failing thousands of times a second costs one upsert per bucket, not one per call.
/// </summary>
public sealed partial class ProviderErrorCounter(HeraldDatabase database, TimeProvider time, ILogger<ProviderErrorCounter> logger) : BackgroundService
{
    public const int BucketSeconds = 10;
    public static readonly TimeSpan FlushInterval = TimeSpan.FromSeconds(2);

    private readonly ConcurrentDictionary<(Guid ProviderId, long Bucket), int> _pending = new();

    public static long BucketOf(DateTimeOffset moment) => moment.ToUnixTimeSeconds() / BucketSeconds;

    public void Record(Guid providerId) =>
        _pending.AddOrUpdate((providerId, BucketOf(time.GetUtcNow())), 1, (_, count) => count + 1);

    /// <summary>Adds the counts gathered so far to the database.</summary>
    public async Task FlushAsync(CancellationToken cancellationToken)
    {
        foreach (var key in _pending.Keys)
        {
            if (!_pending.TryRemove(key, out var count))
            {
                continue;
            }

            try
            {
                await using var context = database.CreateContext();
                await context.Database.ExecuteSqlAsync(
                    $"INSERT INTO provider_error_counts (provider_id, bucket, count) VALUES ({key.ProviderId}, {key.Bucket}, {count}) ON CONFLICT (provider_id, bucket) DO UPDATE SET count = provider_error_counts.count + excluded.count",
                    cancellationToken);
            }
            catch (Exception) when (!cancellationToken.IsCancellationRequested)
            {
                _pending.AddOrUpdate(key, count, (_, later) => later + count);
                throw;
            }
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(FlushInterval, time);
        while (await WaitAsync(timer, stoppingToken))
        {
            try
            {
                await FlushAsync(stoppingToken);
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                LogFlushFailed(logger, ex);
            }
        }
    }

    private static async Task<bool> WaitAsync(PeriodicTimer timer, CancellationToken stoppingToken)
    {
        try
        {
            return await timer.WaitForNextTickAsync(stoppingToken);
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    [LoggerMessage(9006, LogLevel.Warning, "Counting provider errors failed; the counts are kept for the next try")]
    private static partial void LogFlushFailed(ILogger logger, Exception exception);
}
